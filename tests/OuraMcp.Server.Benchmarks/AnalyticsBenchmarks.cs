using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// Each analytics tool over a year of the demo person's data, called through an in-process MCP client; the data come
/// from memory (fetched once in setup through the real client and the fake Oura), as from a history store. The time
/// measured is the whole call: framing, reading the metric from the day views, the statistics and the answer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AnalyticsBenchmarks : ReplayedServerBenchmark
{
    private string _start = null!;
    private string _end = null!;

    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => StopServerAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        await StartServerAsync();
        var yesterday = DemoServer.Today.AddDays(-1);
        _start = yesterday.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _end = yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await Trend();
        await ComparePeriods();
        await Correlate();
        await TagEffect();
        await Anomalies();
        MarkWarm();
    }

    [Benchmark(Description = "trend, sleep.main.average_hrv, 365 days")]
    public Task<CallToolResult> Trend() => Call("trend", new() { ["metric"] = "sleep.main.average_hrv", ["start_date"] = _start, ["end_date"] = _end });

    [Benchmark(Description = "compare_periods, readiness.score, 182 against 183 days")]
    public Task<CallToolResult> ComparePeriods()
    {
        var middle = DateOnly.ParseExact(_start, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(183);
        return Call("compare_periods", new()
        {
            ["metric"] = "readiness.score", ["start_date"] = middle.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["end_date"] = _end,
            ["baseline_start_date"] = _start, ["baseline_end_date"] = middle.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }

    [Benchmark(Description = "correlate, activity.steps -> readiness.score, lags 0-7, 365 days")]
    public Task<CallToolResult> Correlate() =>
        Call("correlate", new() { ["x_metric"] = "activity.steps", ["y_metric"] = "readiness.score", ["start_date"] = _start, ["end_date"] = _end });

    [Benchmark(Description = "tag_effect, alcohol -> sleep.main.average_hrv, 365 days")]
    public Task<CallToolResult> TagEffect() =>
        Call("tag_effect", new() { ["tag"] = "alcohol", ["metric"] = "sleep.main.average_hrv", ["start_date"] = _start, ["end_date"] = _end });

    [Benchmark(Description = "anomalies, readiness.temperature_deviation, 365 days, 28-day window")]
    public Task<CallToolResult> Anomalies() =>
        Call("anomalies", new() { ["metric"] = "readiness.temperature_deviation", ["start_date"] = _start, ["end_date"] = _end });

}
