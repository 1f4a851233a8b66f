using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Http;

namespace OuraMcp.Server.Http;

/// <summary>
/// The Oura app's request budget (Oura: 5,000 requests per 5 minutes per application) shared by every instance on one
/// PostgreSQL: a token bucket in one row per app, refilled and taken in one atomic statement per request, with the
/// database's clock (so instances whose clocks differ still agree).
/// <para>
/// Why one round trip per request rather than each instance reserving blocks of requests ahead: an Oura call takes
/// tens to hundreds of milliseconds and the statement a fraction of one on the database the instances already share;
/// the budget itself caps how often the row is taken (capacity per window, about 17 a second), so the one hot row is
/// never contended enough to matter; and blocks held by an idle instance would be requests the busy one cannot use.
/// </para>
/// </summary>
internal sealed partial class PostgresApplicationBudget : ISharedApplicationBudget, IAsyncDisposable
{
    private const string Table = "oura_mcp_app_budget";
    // Any constant: it serializes table creation across instances, as the token store's does.
    private const long SchemaLockId = 0x6F7572615F627564; // "oura_bud"
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    // The row is locked, refilled for the time since it was last touched, and taken from only when the wait is short
    // enough; the count may go below zero (callers queued behind each other), exactly as the in-process bucket does.
    private const string TakeSql = $"""
        WITH current_row AS (
            SELECT tokens, updated_at, blocked_until, blocked_tier, clock_timestamp() AS now
            FROM {Table} WHERE name = @name FOR UPDATE),
        refilled AS (
            SELECT now, blocked_tier,
                   LEAST(@capacity, tokens + GREATEST(0, EXTRACT(EPOCH FROM now - updated_at)::float8) * @rate) AS tokens,
                   GREATEST(0, EXTRACT(EPOCH FROM blocked_until - now)::float8) AS blocked_wait
            FROM current_row),
        decided AS (
            SELECT *, GREATEST(CASE WHEN tokens >= 1 THEN 0 ELSE (1 - tokens) / @rate END, blocked_wait) AS wait FROM refilled)
        UPDATE {Table} AS b
        SET tokens = decided.tokens - CASE WHEN decided.wait <= @max_wait THEN 1 ELSE 0 END, updated_at = decided.now
        FROM decided WHERE b.name = @name
        RETURNING decided.wait <= @max_wait, decided.wait, b.tokens, decided.blocked_wait, decided.blocked_tier
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _name;
    private readonly int _capacity;
    private readonly double _perSecond;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;
    private long _lastWarningTicks = long.MinValue;

    /// <param name="connectionString">The token store's PostgreSQL (either form people paste).</param>
    /// <param name="clientId">The Oura app whose budget this is: apps sharing one database keep separate budgets.</param>
    /// <param name="capacity">Requests per <paramref name="window"/>.</param>
    /// <param name="window">Oura's window.</param>
    /// <param name="time">For spacing the warnings while the database is down.</param>
    /// <param name="logger">Where those warnings go.</param>
    public PostgresApplicationBudget(string connectionString, string clientId, int capacity, TimeSpan window, TimeProvider time, ILogger logger)
    {
        var builder = PostgresConnection.Parse(connectionString);
        // A request waits on this only briefly: past it, the instance falls back to its own budget.
        builder.Timeout = 5;
        builder.CommandTimeout = 5;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _name = "app_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)))[..16];
        _capacity = capacity;
        _perSecond = capacity / window.TotalSeconds;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<SharedBudgetAnswer?> TryTakeAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            var command = _dataSource.CreateCommand(TakeSql);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.AddWithValue("name", _name);
            command.Parameters.AddWithValue("capacity", (double)_capacity);
            command.Parameters.AddWithValue("rate", _perSecond);
            command.Parameters.AddWithValue("max_wait", maxWait.TotalSeconds);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            var wait = TimeSpan.FromSeconds(reader.GetDouble(1));
            var blockedWait = TimeSpan.FromSeconds(reader.GetDouble(3));
            var tier = blockedWait > TimeSpan.Zero && blockedWait >= wait && !reader.IsDBNull(4) ? reader.GetString(4) : null;
            return new SharedBudgetAnswer(reader.GetBoolean(0), wait, (int)Math.Max(0, Math.Floor(reader.GetDouble(2))), tier);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Unavailable(e);
            return null;
        }
    }

    public async ValueTask ReturnAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync($"UPDATE {Table} SET tokens = LEAST(@capacity, tokens + 1) WHERE name = @name", null, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask BlockAsync(TimeSpan wait, string? tier, CancellationToken cancellationToken) =>
        await ExecuteAsync($"""
            UPDATE {Table} SET blocked_until = GREATEST(blocked_until, clock_timestamp() + make_interval(secs => @wait)), blocked_tier = @tier
            WHERE name = @name
            """, wait, tier, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task ExecuteAsync(string sql, TimeSpan? wait, string? tier, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            var command = _dataSource.CreateCommand(sql);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.AddWithValue("name", _name);
            command.Parameters.AddWithValue("capacity", (double)_capacity);
            if (wait is { } seconds) command.Parameters.AddWithValue("wait", seconds.TotalSeconds);
            if (sql.Contains("@tier", StringComparison.Ordinal)) command.Parameters.AddWithValue("tier", (object?)tier ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Unavailable(e);
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized) return;
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var create = new NpgsqlCommand($"""
                SELECT pg_advisory_xact_lock({SchemaLockId});
                CREATE TABLE IF NOT EXISTS {Table} (name text PRIMARY KEY, tokens float8 NOT NULL, updated_at timestamptz NOT NULL,
                    blocked_until timestamptz NOT NULL, blocked_tier text);
                INSERT INTO {Table} (name, tokens, updated_at, blocked_until) VALUES (@name, @capacity, clock_timestamp(), 'epoch')
                    ON CONFLICT (name) DO NOTHING;
                """, connection, transaction);
            await using (create.ConfigureAwait(false))
            {
                create.Parameters.AddWithValue("name", _name);
                create.Parameters.AddWithValue("capacity", (double)_capacity);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    private void Unavailable(Exception e)
    {
        // Once a minute at most: while the database is down, every request to Oura would say the same.
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (last != long.MinValue && now - last < WarningInterval.Ticks) return;
        if (Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last) return;
        // The type and SQLSTATE only: a message may name the connection.
        LogUnavailable(_logger, e.GetType().Name, (e as PostgresException)?.SqlState ?? "none");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared Oura app budget in PostgreSQL could not be asked ({Error}, SQLSTATE {SqlState}); this instance counts its own requests until it can")]
    private static partial void LogUnavailable(ILogger logger, string error, string sqlState);
}
