using System.Data.Common;
using System.Globalization;
using OuraMcp.History.Inbox;

namespace OuraMcp.History.Storage;

/// <summary>The webhook inbox beside the history it feeds, so one database (and one backup) holds both.</summary>
public abstract partial class SqlHistoryStore : IWebhookInbox
{
    /// <summary>The queue's table; times are fixed-width UTC text, so they sort and compare as text in both databases.</summary>
    protected const string InboxSchema = """

        CREATE TABLE IF NOT EXISTS webhook_inbox (
            event_key TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            data_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            event_time TEXT NOT NULL,
            received_at TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            not_before TEXT NOT NULL,
            lease_until TEXT NULL,
            note TEXT NULL);
        CREATE INDEX IF NOT EXISTS webhook_inbox_due ON webhook_inbox (state, not_before);
        """;

    private const string InboxColumns = "event_key, user_id, data_type, object_id, event_type, event_time, received_at, state, attempts, note";

    public Task<bool> EnqueueAsync(WebhookEvent webhookEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var insert = Command(connection, null, """
                INSERT INTO webhook_inbox (event_key, user_id, data_type, object_id, event_type, event_time, received_at, state, attempts, not_before)
                VALUES (@key, @user, @data, @object, @event, @time, @received, 'pending', 0, @received)
                ON CONFLICT (event_key) DO NOTHING
                """);
            await using var insertDisposal = insert.ConfigureAwait(false);
            Add(insert, "key", webhookEvent.Key);
            Add(insert, "user", webhookEvent.UserId);
            Add(insert, "data", webhookEvent.DataType);
            Add(insert, "object", webhookEvent.ObjectId);
            Add(insert, "event", webhookEvent.EventType);
            Add(insert, "time", Instant(webhookEvent.EventTime));
            Add(insert, "received", Instant(receivedAt));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<QueuedWebhookEvent>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<QueuedWebhookEvent>>(async (connection, ct) =>
        {
            var candidates = new List<WebhookInboxEntry>();
            var select = Command(connection, null, $"""
                SELECT {InboxColumns} FROM webhook_inbox
                WHERE state = 'pending' AND not_before <= @now AND (lease_until IS NULL OR lease_until <= @now)
                ORDER BY received_at, event_key LIMIT {Math.Max(1, max).ToString(CultureInfo.InvariantCulture)}
                """);
            await using (select.ConfigureAwait(false))
            {
                Add(select, "now", Instant(now));
                var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using var readerDisposal = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false)) candidates.Add(ReadEntry(reader));
            }

            var claimed = new List<QueuedWebhookEvent>();
            foreach (var candidate in candidates)
            {
                // Another instance may have taken it since the select: only the one whose update matches has it.
                var take = Command(connection, null, """
                    UPDATE webhook_inbox SET lease_until = @until, attempts = attempts + 1
                    WHERE event_key = @key AND state = 'pending' AND (lease_until IS NULL OR lease_until <= @now)
                    """);
                await using var takeDisposal = take.ConfigureAwait(false);
                Add(take, "until", Instant(now + lease));
                Add(take, "key", candidate.Key);
                Add(take, "now", Instant(now));
                if (await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                    claimed.Add(new QueuedWebhookEvent(candidate.Key, candidate.Event, candidate.Attempts + 1, candidate.ReceivedAt));
            }
            return claimed;
        }, cancellationToken);

    public Task FinishAsync(string key, WebhookEventState state, string note, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateInboxAsync("UPDATE webhook_inbox SET state = @state, note = @note, lease_until = NULL, not_before = @at WHERE event_key = @key",
            key, StateName(state), note, Instant(at), cancellationToken);

    public Task RetryLaterAsync(string key, DateTimeOffset notBefore, string note, CancellationToken cancellationToken) =>
        UpdateInboxAsync("UPDATE webhook_inbox SET state = @state, note = @note, lease_until = NULL, not_before = @at WHERE event_key = @key",
            key, StateName(WebhookEventState.Pending), note, Instant(notBefore), cancellationToken);

    public Task<IReadOnlyList<WebhookInboxEntry>> ListAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<WebhookInboxEntry>>(async (connection, ct) =>
        {
            var select = Command(connection, null, $"SELECT {InboxColumns} FROM webhook_inbox ORDER BY received_at, event_key");
            await using var selectDisposal = select.ConfigureAwait(false);
            var entries = new List<WebhookInboxEntry>();
            var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) entries.Add(ReadEntry(reader));
            return entries;
        }, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var delete = Command(connection, null, "DELETE FROM webhook_inbox WHERE state <> 'pending' AND received_at < @before");
            await using var deleteDisposal = delete.ConfigureAwait(false);
            Add(delete, "before", Instant(before));
            return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task UpdateInboxAsync(string sql, string key, string state, string note, string at, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var update = Command(connection, null, sql);
            await using var updateDisposal = update.ConfigureAwait(false);
            Add(update, "state", state);
            Add(update, "note", note);
            Add(update, "at", at);
            Add(update, "key", key);
            return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static WebhookInboxEntry ReadEntry(DbDataReader reader) => new(
        reader.GetString(0),
        new WebhookEvent(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ParseInstant(reader.GetString(5))),
        Enum.Parse<WebhookEventState>(reader.GetString(7), ignoreCase: true),
        Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
        ParseInstant(reader.GetString(6)),
        reader.IsDBNull(9) ? null : reader.GetString(9));

    private static string StateName(WebhookEventState state) => state.ToString().ToLowerInvariant();

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
