using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Querying;

/// <summary>
/// Relays the Oura client's page-by-page progress to the MCP client as progress notifications, when the client sent
/// a progress token. Unlike the SDK's fire-and-forget sink, notifications go out one after another (never overtaking
/// each other) and <see cref="FlushAsync"/> lets the tool finish them before its result, after which a client would
/// drop them. Counts pages across every collection a tool reads, so the progress values only grow.
/// </summary>
public sealed class PageProgress(RequestContext<CallToolRequestParams> context, string what) : IProgress<OuraPageProgress>
{
    private readonly Lock _gate = new();
    private Task _sending = Task.CompletedTask;
    private int _pages;

    public void Report(OuraPageProgress value)
    {
        if (context.Params?.ProgressToken is not { } token) return;
        var server = context.Server;
        lock (_gate)
        {
            var pages = ++_pages;
            var notification = new ProgressNotificationValue
            {
                Progress = pages,
                Message = $"{what}: {pages} page{(pages == 1 ? "" : "s")} fetched, {value.ItemsSoFar} items so far{(value.HasMore ? ", more to come" : "")}",
            };
            _sending = _sending
                .ContinueWith(_ => server.NotifyProgressAsync(token, notification), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Unwrap()
                // A lost notification must never fail the tool: progress is a courtesy.
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Waits until every notification reported so far has been written.</summary>
    public Task FlushAsync()
    {
        lock (_gate) return _sending;
    }
}
