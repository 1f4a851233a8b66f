using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.People;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Webhooks;

/// <summary>
/// Drains the webhook inbox: each event is routed to its person, the document it names is fetched by id (or removed)
/// into their history with its days made provisional again, and their sessions subscribed to an affected resource are
/// told. An event is finished only after its change is stored, so one kept before a crash is processed after the
/// restart; processing twice is harmless (the document is fetched as it is now).
/// </summary>
internal sealed partial class WebhookProcessor(
    IWebhookInbox inbox,
    IHistoryStore store,
    WebhookRecipients recipients,
    IHistoryChanges changes,
    PersonHistory history,
    WebhookReceiverOptions options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    /// <summary>How long an instance holds an event it took; another takes it after that if this one died.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before an event is given up; the next sync of its days fetches what it named anyway.</summary>
    private const int MaxAttempts = 6;

    /// <summary>Finished events are kept this long, so a late repeat of one is still recognised.</summary>
    private static readonly TimeSpan KeepFinished = TimeSpan.FromDays(7);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<string> _unknownUsersLogged = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPrune;

    /// <summary>An event was kept: look at the queue now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.ProcessingDelay > TimeSpan.Zero) await Task.Delay(options.ProcessingDelay, time, stoppingToken).ConfigureAwait(false);
                await DrainAsync(stoppingToken).ConfigureAwait(false);
                await _wake.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away (or worse): the events stay kept; try again at the next poll, and keep serving.
                LogInboxUnavailable(logger, e is HistoryStoreException ? e.Message : e.GetType().Name);
                await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var taken = await inbox.ClaimAsync(time.GetUtcNow(), Lease, 20, cancellationToken).ConfigureAwait(false);
            if (taken.Count == 0) break;
            foreach (var queued in taken) await ProcessAsync(queued, cancellationToken).ConfigureAwait(false);
        }

        if (time.GetUtcNow() - _lastPrune > TimeSpan.FromHours(1))
        {
            _lastPrune = time.GetUtcNow();
            await inbox.PruneAsync(_lastPrune - KeepFinished, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(QueuedWebhookEvent queued, CancellationToken cancellationToken)
    {
        var change = queued.Event;
        if (WebhookEndpoints.CollectionOf(change.DataType) is not { } collection)
        {
            await FinishAsync(queued, WebhookEventState.Dropped, $"No collection has the data type '{change.DataType}'.", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            if (await recipients.FindAsync(change.UserId, cancellationToken).ConfigureAwait(false) is not { } recipient)
            {
                lock (_unknownUsersLogged)
                {
                    if (_unknownUsersLogged.Add(change.UserId)) LogUnknownUser(logger, change.DataType);
                }
                await FinishAsync(queued, WebhookEventState.Dropped, "No connected person has this Oura user id.", cancellationToken).ConfigureAwait(false);
                return;
            }

            var person = recipient.Person;
            var document = change.EventType == "delete"
                ? null
                : await StoredDocuments.FetchAsync(person.Oura, collection, change.ObjectId, person.TimeZone, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var days = await store.ApplyChangeAsync(recipient.HistoryKey, collection, change.ObjectId, document, cancellationToken).ConfigureAwait(false);
            // The by-id fetch is the change: the next question about those days is answered from the store, no range fetch.
            history.Refreshed(recipient.HistoryKey, collection, days);
            await FinishAsync(queued, WebhookEventState.Done, $"{change.EventType} applied to {days.Count} day(s).", cancellationToken).ConfigureAwait(false);
            LogApplied(logger, change.EventType, collection.Name, (time.GetUtcNow() - queued.ReceivedAt).TotalMilliseconds);

            if (days.Count > 0) await changes.AnnounceAsync(new HistoryChange(person.Id, [new ChangedDays(collection, days.ToHashSet())]), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OuraForbiddenException or OuraNotSignedInException or OuraUnauthorizedException)
        {
            // The person did not grant this data, or their sign-in no longer works: nothing to fetch until they sign in again.
            await FinishAsync(queued, WebhookEventState.Dropped, e.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OuraRateLimitedException e)
        {
            await inbox.RetryLaterAsync(queued.Key, time.GetUtcNow() + (e.RetryAfter > TimeSpan.Zero ? e.RetryAfter : TimeSpan.FromMinutes(1)), e.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Oura answers 404 for a while after some events, and may be away: try again later, then give up. Anything
            // else unexpected is treated alike, so one bad event never stops the processor or the server.
            if (queued.Attempts >= MaxAttempts)
            {
                LogGaveUp(logger, collection.Name, queued.Attempts, Reason(e));
                await FinishAsync(queued, WebhookEventState.Failed, Reason(e), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var wait = TimeSpan.FromSeconds(15 * Math.Pow(2, queued.Attempts - 1));
                await inbox.RetryLaterAsync(queued.Key, time.GetUtcNow() + wait, Reason(e), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What is kept and logged of a failure: the messages of Oura and the store are written to be shown; others may not be.</summary>
    private static string Reason(Exception e) =>
        e is OuraApiException or HistoryStoreException or HistorySyncException ? e.Message : $"{e.GetType().Name} while processing";

    private Task FinishAsync(QueuedWebhookEvent queued, WebhookEventState state, string note, CancellationToken cancellationToken) =>
        inbox.FinishAsync(queued.Key, state, note, time.GetUtcNow(), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventType} of {Collection} stored {Milliseconds:0} ms after it arrived.")]
    private static partial void LogApplied(ILogger logger, string eventType, string collection, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a {DataType} webhook event for an Oura user nobody connected to this server (logged once per user).")]
    private static partial void LogUnknownUser(ILogger logger, string dataType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up a {Collection} webhook event after {Attempts} attempts: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string collection, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook inbox could not be read; its events stay kept and are tried again: {Reason}")]
    private static partial void LogInboxUnavailable(ILogger logger, string reason);
}
