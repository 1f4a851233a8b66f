using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Querying;

/// <summary>
/// Relays the Oura client's page-by-page progress to the MCP client as progress notifications (<see cref="ProgressSender"/>).
/// Counts pages across every collection a tool reads, so the progress values only grow.
/// </summary>
public sealed class PageProgress(RequestContext<CallToolRequestParams> context, string what) : IProgress<OuraPageProgress>
{
    private readonly ProgressSender _sender = new(context);
    private int _pages;

    public void Report(OuraPageProgress value) => _sender.Send(() =>
    {
        var pages = ++_pages;
        return new ProgressNotificationValue
        {
            Progress = pages,
            Message = $"{what}: {pages} page{(pages == 1 ? "" : "s")} fetched, {value.ItemsSoFar} items so far{(value.HasMore ? ", more to come" : "")}",
        };
    });

    /// <summary>Waits until every notification reported so far has been written.</summary>
    public Task FlushAsync() => _sender.FlushAsync();
}
