using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// What the tool-call benchmarks share: the real server composition behind an in-process MCP client, its Oura client
/// answering from memory (fetched once through the real client and the fake Oura), and the check that no iteration
/// reached the upstream, so the time measured is ours alone.
/// </summary>
public abstract class ReplayedServerBenchmark
{
    private InProcessServer _server = null!;
    private ServiceProvider _upstreamOwner = null!;
    private ReplayOuraClient _oura = null!;
    private int _upstreamCallsAfterWarmUp;

    /// <summary>Starts the server over the replaying client; the derived set-up then warms every benchmark once.</summary>
    protected async Task StartServerAsync()
    {
        var (client, _, owner) = DemoServer.CreateUpstream();
        _upstreamOwner = owner;
        _oura = new ReplayOuraClient(client);
        _server = await DemoServer.StartAsync(_oura);
    }

    /// <summary>Called once every benchmark ran in set-up: from here on, iterations only replay.</summary>
    protected void MarkWarm() => _upstreamCallsAfterWarmUp = _oura.UpstreamCalls;

    protected async Task StopServerAsync()
    {
        if (_oura.UpstreamCalls != _upstreamCallsAfterWarmUp)
        {
            throw new InvalidOperationException("An iteration reached the upstream client: the measurement includes Oura's time.");
        }

        await _server.DisposeAsync();
        await _upstreamOwner.DisposeAsync();
    }

    protected async Task<CallToolResult> Call(string tool, Dictionary<string, object?> arguments)
    {
        var result = await _server.Client.CallToolAsync(tool, arguments).ConfigureAwait(false);
        if (result.IsError == true) throw new InvalidOperationException($"{tool} failed: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text))}");
        return result;
    }
}
