using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.History.Inbox;

/// <summary>
/// The durable queue of Oura webhook events, in the history store's database: an event is kept before Oura is told
/// it arrived, and processed afterwards, so a crash between the two loses nothing. Each event is kept once however
/// often Oura delivers it (<see cref="WebhookEvent.Key"/>). Processors lease what they take, so several instances
/// sharing one database never work on the same event at once, and one that dies leaves its events to the next.
/// </summary>
public interface IWebhookInbox
{
    /// <summary>Keeps the event as pending; false when it is known already (a repeat delivery), which changes nothing.</summary>
    Task<bool> EnqueueAsync(WebhookEvent webhookEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending events that are due and not leased, oldest first, leasing each until
    /// <paramref name="now"/> + <paramref name="lease"/> and counting the attempt.
    /// </summary>
    Task<IReadOnlyList<QueuedWebhookEvent>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Ends the event's life in the queue: <paramref name="state"/> says how, <paramref name="note"/> why (no secrets).</summary>
    Task FinishAsync(string key, WebhookEventState state, string note, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives the event back, to be taken again from <paramref name="notBefore"/> on.</summary>
    Task RetryLaterAsync(string key, DateTimeOffset notBefore, string note, CancellationToken cancellationToken);

    /// <summary>Every event the queue holds, oldest first (for diagnostics and tests).</summary>
    Task<IReadOnlyList<WebhookInboxEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Forgets finished events received before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>Where an event stands.</summary>
public enum WebhookEventState
{
    /// <summary>Kept and not processed yet.</summary>
    Pending,

    /// <summary>Processed: the person's history follows it.</summary>
    Done,

    /// <summary>Nothing to do (a user nobody connected, a scope not granted).</summary>
    Dropped,

    /// <summary>Given up after repeated failures; the next sync of its days fetches what it named.</summary>
    Failed,
}

/// <summary>
/// One event as Oura sends it: who (Oura's user id), which collection (its webhook data type), which document, what
/// happened to it and when.
/// </summary>
public sealed record WebhookEvent(string UserId, string DataType, string ObjectId, string EventType, DateTimeOffset EventTime)
{
    /// <summary>
    /// The event's identity for "processed once": its five fields (the time in UTC, however Oura wrote its offset),
    /// hashed to a fixed length.
    /// </summary>
    public string Key => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        UserId, DataType, ObjectId, EventType, EventTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)))));
}

/// <summary>An event taken from the queue, with how many times it has been taken (this time included).</summary>
public sealed record QueuedWebhookEvent(string Key, WebhookEvent Event, int Attempts, DateTimeOffset ReceivedAt);

/// <summary>One row of the queue.</summary>
public sealed record WebhookInboxEntry(string Key, WebhookEvent Event, WebhookEventState State, int Attempts, DateTimeOffset ReceivedAt, string? Note);
