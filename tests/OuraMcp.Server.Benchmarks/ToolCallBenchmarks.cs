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
public class ToolCallBenchmarks
{
    private InProcessServer _server = null!;
    private ServiceProvider _upstreamOwner = null!;
    private ReplayOuraClient _oura = null!;
    private int _upstreamCallsAfterWarmUp;
    private Dictionary<string, object?> _sleepWeek = null!;
    private Dictionary<string, object?> _summaryWeek = null!;
    private Dictionary<string, object?> _heartRateDay = null!;

    // Synchronous setup and cleanup: the in-process toolchain ran the first benchmark before an async setup finished.
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => CleanUpAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        var (client, _, owner) = DemoServer.CreateUpstream();
        _upstreamOwner = owner;
        _oura = new ReplayOuraClient(client);
        _server = await DemoServer.StartAsync(_oura);

        // A closed week and a closed day that end yesterday: the same requests every iteration, whatever the hour.
        var yesterday = DemoServer.Today.AddDays(-1);
        _summaryWeek = Days(yesterday.AddDays(-6), yesterday);
        _sleepWeek = Days(yesterday.AddDays(-6), yesterday);
        _heartRateDay = new Dictionary<string, object?>(Days(yesterday, yesterday)) { ["resolution"] = "hourly" };

        // Fetch everything once and build the tools, so that iterations only replay.
        await GetDailySummaryWeek();
        await GetSleepWeek();
        await GetHeartRateDayHourly();
        _upstreamCallsAfterWarmUp = _oura.UpstreamCalls;
    }

    private async Task CleanUpAsync()
    {
        if (_oura.UpstreamCalls != _upstreamCallsAfterWarmUp)
        {
            throw new InvalidOperationException("An iteration reached the upstream client: the measurement includes Oura's time.");
        }

        await _server.DisposeAsync();
        await _upstreamOwner.DisposeAsync();
    }

    [Benchmark(Description = "get_daily_summary, 7 days")]
    public Task<CallToolResult> GetDailySummaryWeek() => Call("get_daily_summary", _summaryWeek);

    [Benchmark(Description = "get_sleep, 7 days")]
    public Task<CallToolResult> GetSleepWeek() => Call("get_sleep", _sleepWeek);

    [Benchmark(Description = "get_heart_rate, 1 day hourly")]
    public Task<CallToolResult> GetHeartRateDayHourly() => Call("get_heart_rate", _heartRateDay);

    private async Task<CallToolResult> Call(string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var result = await _server.Client.CallToolAsync(tool, arguments).ConfigureAwait(false);
        if (result.IsError == true) throw new InvalidOperationException($"{tool} failed: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text))}");
        return result;
    }

    private static Dictionary<string, object?> Days(DateOnly start, DateOnly end) => new()
    {
        ["start_date"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["end_date"] = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
