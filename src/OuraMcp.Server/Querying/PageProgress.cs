using ModelContextProtocol;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Querying;

/// <summary>
/// Relays the Oura client's page-by-page progress to the MCP client as progress notifications. The SDK hands tools a
/// no-op sink when the client sent no progress token, so this costs nothing then. Counts pages across every collection
/// a tool reads, so the reported progress only ever grows.
/// </summary>
public sealed class PageProgress(IProgress<ProgressNotificationValue> sink, string what) : IProgress<OuraPageProgress>
{
    private int _pages;

    public void Report(OuraPageProgress value)
    {
        var pages = Interlocked.Increment(ref _pages);
        sink.Report(new ProgressNotificationValue
        {
            Progress = pages,
            Message = $"{what}: {pages} page{(pages == 1 ? "" : "s")} fetched, {value.ItemsSoFar} items so far{(value.HasMore ? ", more to come" : "")}",
        });
    }
}
