using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>Where a <see cref="PostgresTokenStore"/> connects and how it is keyed.</summary>
public sealed class PostgresTokenStoreOptions
{
    /// <summary>Npgsql's <c>Host=…;Database=…</c> form or a <c>postgres://user:password@host:port/database</c> URI.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The 32-byte key (<c>OURA_TOKEN_STORE_KEY</c>); required. Every server that shares the database must use the
    /// same one, so there is no key file: a file created on one machine would not fit the others.
    /// </summary>
    public byte[]? Key { get; init; }

    /// <summary>How long to wait for another process's lock on an account before giving up with a clear error.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Tokens in PostgreSQL, for a hosted server shared by many people: one AES-GCM-sealed row per account, sealed exactly as
/// <see cref="SqliteTokenStore"/> seals them (the account id is the associated data, so rows cannot be swapped).
/// The lock is per account: a transaction holding <c>SELECT … FOR UPDATE</c> on the account's row, so one person's
/// refresh never waits for another's. An account never seen gets a placeholder row to lock, removed again when the
/// lock ends if nothing was saved. Calls made under the lock run in its transaction, so they see the latest rows.
/// </summary>
public sealed partial class PostgresTokenStore : ITokenStore
{
    private const string TokensTable = "oura_mcp_tokens";
    private const string MetaTable = "oura_mcp_meta";
    private const string KeyCheckName = "key_check";
    // Any constant: it serializes table creation across processes, where concurrent CREATE TABLE IF NOT EXISTS can collide.
    private const long SchemaLockId = 0x6F7572615F6D6370; // "oura_mcp"

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _lockTimeout;
    private readonly TokenCipher _cipher;
    private readonly AsyncLocal<HeldLock?> _held = new();
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Throws <see cref="TokenStoreException"/> when the connection string or the key is not usable (without quoting either).</summary>
    public PostgresTokenStore(PostgresTokenStoreOptions options, TimeProvider timeProvider, ILogger<PostgresTokenStore>? logger = null)
    {
        var builder = PostgresConnection.Parse(options.ConnectionString);
        Location = PostgresConnection.Describe(builder);
        // Statements outside an account lock (a save, a removal) can meet a row locked by someone's refresh: they wait
        // as long as a lock would, then end with lock_not_available instead of hanging on a stuck holder.
        builder.Options = $"{builder.Options} -c lock_timeout={(long)Math.Ceiling(options.LockTimeout.TotalMilliseconds)}".Trim();
        _connectionString = builder.ConnectionString;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _lockTimeout = options.LockTimeout;
        if (options.Key is null)
            throw new TokenStoreException(
                $"A PostgreSQL token store needs {FileTokenStoreOptions.KeyVariable} (base64 of {TokenCipher.KeySize} bytes, the same on every server that shares the database; generate one with: openssl rand -base64 32).");
        if (options.Key.Length != TokenCipher.KeySize)
            throw new TokenStoreException($"{FileTokenStoreOptions.KeyVariable} must be base64 of exactly {TokenCipher.KeySize} bytes (generate one with: openssl rand -base64 32).");
        _cipher = new TokenCipher(options.Key);
    }

    /// <summary>User, host, port and database: never the password.</summary>
    public string Location { get; }

    public Task<OuraTokenSet?> TryGetAsync(string account, CancellationToken cancellationToken) =>
        UseAsync(async (connection, transaction, ct) =>
        {
            var command = new NpgsqlCommand($"SELECT sealed FROM {TokensTable} WHERE account = @account", connection, transaction);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.AddWithValue("account", account);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is byte[] sealedBytes ? Open(account, sealedBytes) : null;
        }, cancellationToken);

    public Task SaveAsync(string account, OuraTokenSet tokens, CancellationToken cancellationToken) =>
        UseAsync(async (connection, transaction, ct) =>
        {
            var sealedBytes = _cipher.SealTokenSet(account, tokens);
            var command = new NpgsqlCommand($"""
                INSERT INTO {TokensTable} (account, sealed, updated_at) VALUES (@account, @sealed, @updated)
                ON CONFLICT (account) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at
                """, connection, transaction);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.AddWithValue("account", account);
            command.Parameters.AddWithValue("sealed", NpgsqlDbType.Bytea, sealedBytes);
            command.Parameters.AddWithValue("updated", NpgsqlDbType.TimestampTz, _time.GetUtcNow());
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string account, CancellationToken cancellationToken) =>
        UseAsync(async (connection, transaction, ct) =>
        {
            // The row goes, placeholder or not; a waiter whose locked row vanishes locks a fresh one (see LockAsync).
            var command = new NpgsqlCommand($"DELETE FROM {TokensTable} WHERE account = @account RETURNING sealed IS NOT NULL", connection, transaction);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.AddWithValue("account", account);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<string>>(async (connection, transaction, ct) =>
        {
            // COLLATE "C": ordinal order, as the other stores list, whatever the database's collation.
            var command = new NpgsqlCommand($"""SELECT account FROM {TokensTable} WHERE sealed IS NOT NULL ORDER BY account COLLATE "C" """, connection, transaction);
            await using var commandDisposal = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            var accounts = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) accounts.Add(reader.GetString(0));
            return accounts;
        }, cancellationToken);

    public async Task<T> WithAccountLockAsync<T>(string account, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var outer = _held.Value;
        if (outer is not null && outer.Account == account) return await action(cancellationToken).ConfigureAwait(false);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var held = await LockAsync(account, cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            _held.Value = held;
            result = await action(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _held.Value = outer;
            // Commit even so: a refresh that saved new tokens and then failed must not lose them (its old refresh token is spent).
            try { await ReleaseAsync(held).ConfigureAwait(false); }
            catch (Exception e) when (e is NpgsqlException or TokenStoreException) { LogReleaseFailed(_logger, account, e.GetType().Name); }
            throw;
        }
        _held.Value = outer;
        await ReleaseAsync(held).ConfigureAwait(false);
        return result;
    }

    private async Task<HeldLock> LockAsync(string account, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var remaining = _lockTimeout - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) throw LockTimedOut(account);
                // The wait happens in the server, bounded there: past it PostgreSQL ends the wait with lock_not_available.
                var timeout = new NpgsqlCommand("SELECT set_config('lock_timeout', @ms, true)", connection, transaction);
                await using (timeout.ConfigureAwait(false))
                {
                    timeout.Parameters.AddWithValue("ms", ((long)Math.Ceiling(remaining.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                // A placeholder, so an account with no row yet (first sign-in) has something to lock.
                var placeholder = new NpgsqlCommand($"INSERT INTO {TokensTable} (account) VALUES (@account) ON CONFLICT (account) DO NOTHING", connection, transaction);
                await using (placeholder.ConfigureAwait(false))
                {
                    placeholder.Parameters.AddWithValue("account", account);
                    await placeholder.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                var lockRow = new NpgsqlCommand($"SELECT 1 FROM {TokensTable} WHERE account = @account FOR UPDATE", connection, transaction);
                await using (lockRow.ConfigureAwait(false))
                {
                    lockRow.Parameters.AddWithValue("account", account);
                    if (await lockRow.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                    {
                        var waited = _time.GetElapsedTime(started);
                        if (waited > TimeSpan.FromMilliseconds(200)) LogWaitedForLock(_logger, account, (long)waited.TotalMilliseconds);
                        return new HeldLock(account, connection, transaction);
                    }
                }
                // The holder we waited for deleted the row (a removal, or its own placeholder): go round and lock a new one.
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw LockTimedOut(account);
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReleaseAsync(HeldLock held)
    {
        try
        {
            // A placeholder is there only to be locked: an account that never signed in leaves no row behind.
            var cleanup = new NpgsqlCommand($"DELETE FROM {TokensTable} WHERE account = @account AND sealed IS NULL", held.Connection, held.Transaction);
            await using (cleanup.ConfigureAwait(false))
            {
                cleanup.Parameters.AddWithValue("account", held.Account);
                await cleanup.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            await held.Transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException e) { throw Translate(e); }
        finally
        {
            await held.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TokenStoreException LockTimedOut(string account) => new(
        $"Timed out after {_lockTimeout.TotalSeconds:0.#} s waiting for the lock of account '{account}' in {Location}: another oura-mcp process is holding it (a sign-in or token refresh in progress). Try again.");

    /// <summary>Runs <paramref name="use"/> in the held lock's transaction when there is one, else on a pooled connection of its own.</summary>
    private async Task<T> UseAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, CancellationToken, Task<T>> use, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_held.Value is { } held)
            {
                // One connection cannot run two commands at once: calls made in parallel under the lock take turns.
                await held.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try { return await use(held.Connection, held.Transaction, cancellationToken).ConfigureAwait(false); }
                finally { held.Gate.Release(); }
            }
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            return await use(connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) { throw Translate(e); }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized) return;
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            try
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var transactionDisposal = transaction.ConfigureAwait(false);
                var schema = new NpgsqlCommand($"""
                    SELECT pg_advisory_xact_lock({SchemaLockId});
                    CREATE TABLE IF NOT EXISTS {TokensTable} (account text PRIMARY KEY, sealed bytea, updated_at timestamptz);
                    CREATE TABLE IF NOT EXISTS {MetaTable} (name text PRIMARY KEY, value bytea NOT NULL);
                    """, connection, transaction);
                await using (schema.ConfigureAwait(false))
                    await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                // A known value sealed with the key: a wrong key is reported at once, before anything is written.
                var write = new NpgsqlCommand($"INSERT INTO {MetaTable} (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING", connection, transaction);
                await using (write.ConfigureAwait(false))
                {
                    write.Parameters.AddWithValue("name", KeyCheckName);
                    write.Parameters.AddWithValue("value", NpgsqlDbType.Bytea, _cipher.Seal([], TokenCipher.KeyCheckPlaintext));
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                var read = new NpgsqlCommand($"SELECT value FROM {MetaTable} WHERE name = @name", connection, transaction);
                await using (read.ConfigureAwait(false))
                {
                    read.Parameters.AddWithValue("name", KeyCheckName);
                    var check = (byte[])(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    try { _cipher.Open(check, TokenCipher.KeyCheckPlaintext); }
                    catch (CryptographicException e) { throw WrongKey(e); }
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
            catch (NpgsqlException e) { throw Translate(e); }
        }
        finally
        {
            _initGate.Release();
        }
    }

    private OuraTokenSet Open(string account, byte[] sealedBytes)
    {
        try { return _cipher.OpenTokenSet(account, sealedBytes, Location); }
        catch (CryptographicException e) { throw WrongKey(e); }
    }

    private TokenStoreException WrongKey(Exception inner) => new(
        $"Could not decrypt {Location}: {FileTokenStoreOptions.KeyVariable} does not match the key it was written with (or the data was altered). Use the original key; otherwise drop the tables {TokensTable} and {MetaTable} and have everyone sign in again.", inner);

    /// <summary>
    /// A database failure as a store error. Only the SQLSTATE and the server's primary message are quoted: Npgsql never
    /// puts the connection string in its messages, and error details (which can hold row values) stay off.
    /// </summary>
    private TokenStoreException Translate(NpgsqlException e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } p =>
            new($"{Location} kept a row locked for longer than {_lockTimeout.TotalSeconds:0.#} s (SQLSTATE {p.SqlState}): another oura-mcp process is holding an account's lock. Try again.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new($"{Location} refused the sign-in (SQLSTATE {p.SqlState}): check the user name and password in {FileTokenStoreOptions.PathVariable}.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } p =>
            new($"{Location} does not exist (SQLSTATE {p.SqlState}): create the database, or fix its name in {FileTokenStoreOptions.PathVariable}.", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p =>
            new($"The token database {Location} refused an operation (SQLSTATE {p.SqlState}: {p.MessageText}): the role needs to create and write the tables {TokensTable} and {MetaTable}.", e),
        PostgresException p =>
            new($"The token database {Location} failed (SQLSTATE {p.SqlState}: {p.MessageText}). Nothing was changed by the failed statement.", e),
        _ when e.IsTransient || e.InnerException is System.Net.Sockets.SocketException or TimeoutException =>
            new($"Could not reach the token database {Location}: {e.Message}", e),
        _ => new($"The token database {Location} failed: {e.Message}", e),
    };

    /// <summary>A held account lock: its transaction, and a gate so calls made under it take turns on the one connection.</summary>
    private sealed class HeldLock(string account, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        public string Account { get; } = account;
        public NpgsqlConnection Connection { get; } = connection;
        public NpgsqlTransaction Transaction { get; } = transaction;
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waited {WaitedMilliseconds} ms for the token lock of account {Account}")]
    private static partial void LogWaitedForLock(ILogger logger, string account, long waitedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending the token lock of account {Account} after a failure also failed ({Error}); the transaction was rolled back")]
    private static partial void LogReleaseFailed(ILogger logger, string account, string error);
}
