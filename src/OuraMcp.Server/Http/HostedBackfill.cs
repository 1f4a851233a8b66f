using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OuraMcp.History.Sync;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Http;

/// <summary>
/// A newly connected person's history is filled in the background (the hosted endpoint, <c>--auth oauth</c>, when it
/// keeps a history): the
/// connection is answered at once, and the sync runs here, one person at a time, through the person's own client and
/// the shared application budget, so a backfill never starves the tool calls. Settled days are never fetched twice,
/// so a backfill that a restart cut short simply goes on at the person's next sign-in.
/// </summary>
internal sealed partial class HostedBackfill(IPersonDirectory directory, OuraClient oura, PersonHistory history, TimeProvider time, ILogger<HostedBackfill> logger)
    : BackgroundService, IPersonConnected
{
    private readonly Channel<string> _connected = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the person's backfill when the server keeps a history (<c>OURA_HISTORY_STORE</c>); else does nothing.</summary>
    public ValueTask ConnectedAsync(string personId, CancellationToken cancellationToken) =>
        history.Store is null ? ValueTask.CompletedTask : _connected.Writer.WriteAsync(personId, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var personId in _connected.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await directory.FindAsync(personId, stoppingToken).ConfigureAwait(false) is not { } person) continue;
                var client = oura.For(new OuraUser(person.Id, person.OuraTokens));
                var report = await new HistorySync(client, history.Open(), time)
                    .RunAsync(new HistorySyncRequest(person.Id, person.TimeZone), null, stoppingToken).ConfigureAwait(false);

                LogBackfilled(logger, report.Documents, report.Calls);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One person's failed backfill must not stop the next; their tools still read Oura directly.
                LogFailed(logger, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled a newly connected person's history: {Documents} documents from {Calls} Oura calls.")]
    private static partial void LogBackfilled(ILogger logger, int documents, int calls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A newly connected person's backfill stopped ({Kind}): {Reason} It resumes at their next sign-in.")]
    private static partial void LogFailed(ILogger logger, string kind, string reason);
}
