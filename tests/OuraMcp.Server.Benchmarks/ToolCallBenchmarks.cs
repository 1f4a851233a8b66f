using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// Per-call overhead of a tool call: an in-process MCP client calls the real server composition, whose Oura client
/// answers from memory (fetched once in setup through the real client and the fake Oura). The time measured is ours:
/// JSON-RPC framing both ways, argument checks, shaping, rendering and serialization.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ToolCallBenchmarks : ReplayedServerBenchmark
{
    private Dictionary<string, object?> _sleepWeek = null!;
    private Dictionary<string, object?> _summaryWeek = null!;
    private Dictionary<string, object?> _heartRateDay = null!;

    // Synchronous setup and cleanup: the in-process toolchain ran the first benchmark before an async setup finished.
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => StopServerAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        await StartServerAsync();

        // A closed week and a closed day that end yesterday: the same requests every iteration, whatever the hour.
        var yesterday = DemoServer.Today.AddDays(-1);
        _summaryWeek = Days(yesterday.AddDays(-6), yesterday);
        _sleepWeek = Days(yesterday.AddDays(-6), yesterday);
        _heartRateDay = new Dictionary<string, object?>(Days(yesterday, yesterday)) { ["resolution"] = "hourly" };

        // Fetch everything once and build the tools, so that iterations only replay.
        await GetDailySummaryWeek();
        await GetSleepWeek();
        await GetHeartRateDayHourly();
        MarkWarm();
    }

    [Benchmark(Description = "get_daily_summary, 7 days")]
    public Task<CallToolResult> GetDailySummaryWeek() => Call("get_daily_summary", _summaryWeek);

    [Benchmark(Description = "get_sleep, 7 days")]
    public Task<CallToolResult> GetSleepWeek() => Call("get_sleep", _sleepWeek);

    [Benchmark(Description = "get_heart_rate, 1 day hourly")]
    public Task<CallToolResult> GetHeartRateDayHourly() => Call("get_heart_rate", _heartRateDay);


    private static Dictionary<string, object?> Days(DateOnly start, DateOnly end) => new()
    {
        ["start_date"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["end_date"] = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
