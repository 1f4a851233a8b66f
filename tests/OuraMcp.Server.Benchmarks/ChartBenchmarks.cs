using System.Globalization;
using BenchmarkDotNet.Attributes;
using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// The plot tool's time, the whole MCP call included, with the data read from memory (as in
/// <see cref="ToolCallBenchmarks"/>): what is measured is reading the series, drawing it with ScottPlot and encoding
/// the PNG. <c>dotnet run -c Release -- --filter '*Chart*'</c>; <c>sizes</c> prints the PNG and app sizes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ChartBenchmarks : ReplayedServerBenchmark
{
    private Dictionary<string, object?> _readinessMonth = null!;
    private Dictionary<string, object?> _heartRateDay = null!;

    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => StopServerAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        await StartServerAsync();
        (_readinessMonth, _heartRateDay) = Arguments(DemoServer.Today);
        await PlotReadinessMonth();
        await PlotHeartRateDay();
        MarkWarm();
    }

    /// <summary>A closed month of readiness and a closed day of heart rate, both ending yesterday.</summary>
    public static (Dictionary<string, object?> ReadinessMonth, Dictionary<string, object?> HeartRateDay) Arguments(DateOnly today)
    {
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var monthStart = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (new() { ["metric"] = "readiness.score", ["start_date"] = monthStart, ["end_date"] = yesterday },
                new() { ["metric"] = "heart_rate", ["start_date"] = yesterday, ["end_date"] = yesterday });
    }

    [Benchmark(Description = "plot readiness.score, 30 days")]
    public Task<CallToolResult> PlotReadinessMonth() => Call("plot", _readinessMonth);

    [Benchmark(Description = "plot heart_rate, 1 day (288 five-minute means)")]
    public Task<CallToolResult> PlotHeartRateDay() => Call("plot", _heartRateDay);
}
