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
    private readonly Lock _gate = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private Running? _running;

    /// <summary>Queues the person's backfill when the server keeps a history (<c>OURA_HISTORY_STORE</c>); else does nothing.</summary>
    public ValueTask ConnectedAsync(string personId, CancellationToken cancellationToken)
    {
        if (history.Store is null) return ValueTask.CompletedTask;
        // Connecting twice (a client and the account page) queues one backfill.
        lock (_gate) if (!_queued.Add(personId)) return ValueTask.CompletedTask;
        return _connected.Writer.WriteAsync(personId, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var personId in _connected.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                // Not queued any more: stopped (the person deleted their data) while it waited.
                lock (_gate) if (!_queued.Remove(personId)) continue;
                if (await directory.FindAsync(personId, stoppingToken).ConfigureAwait(false) is not { } person) continue;
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_gate) _running = new Running(person.Id, cancel, done.Task);
                HistorySyncReport report;
                try
                {
                    var client = oura.For(new OuraUser(person.Id, person.OuraTokens));
                    report = await new HistorySync(client, history.Open(), time)
                        .RunAsync(new HistorySyncRequest(person.Id, person.TimeZone), null, cancel.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    continue; // stopped for this person (StopForAsync)
                }
                finally
                {
                    lock (_gate) _running = null;
                    done.SetResult();
                }

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

    /// <summary>
    /// Stops the person's backfill, queued or running, and returns once it wrote its last window: before their history
    /// is deleted, so that no window lands after the deletion.
    /// </summary>
    public async Task StopForAsync(string personId)
    {
        Running? running;
        lock (_gate)
        {
            _queued.Remove(personId);
            running = _running is { } current && current.Person == personId ? current : null;
        }
        if (running is null) return;
        await running.Cancel.CancelAsync().ConfigureAwait(false);
        await running.Done.ConfigureAwait(false);
    }

    private sealed record Running(string Person, CancellationTokenSource Cancel, Task Done);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled a newly connected person's history: {Documents} documents from {Calls} Oura calls.")]
    private static partial void LogBackfilled(ILogger logger, int documents, int calls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A newly connected person's backfill stopped ({Kind}): {Reason} It resumes at their next sign-in.")]
    private static partial void LogFailed(ILogger logger, string kind, string reason);
}
