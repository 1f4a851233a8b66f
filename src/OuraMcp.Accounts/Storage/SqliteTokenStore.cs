using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// Tokens in a SQLite database, one AES-GCM-sealed row per account (the account id is the associated data, so rows
/// cannot be swapped). The cross-process lock is a <c>BEGIN IMMEDIATE</c> transaction: SQLite lets one writer hold it
/// at a time, while readers (WAL mode) carry on. Calls made under the lock use the lock's connection, so they see
/// the latest committed rows.
/// </summary>
public sealed partial class SqliteTokenStore : ITokenStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNotADatabase = 26;
    private const string KeyCheckName = "key_check";

    private readonly FileTokenStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenStoreKey _key;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _instanceGate = new(1, 1);
    private readonly AsyncLocal<SqliteConnection?> _lockConnection = new();
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private TokenCipher? _cipher;

    public SqliteTokenStore(FileTokenStoreOptions options, TimeProvider timeProvider, ILogger<SqliteTokenStore>? logger = null)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _key = new TokenStoreKey(options.Key, options.KeyFilePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // SQLite's own busy wait covers ordinary writes; the lock below does its own, TimeProvider-driven wait.
            DefaultTimeout = (int)Math.Max(1, options.LockTimeout.TotalSeconds),
            Pooling = false,
        }.ToString();
    }

    public string Location => _options.Path;

    public Task<OuraTokenSet?> TryGetAsync(string account, CancellationToken cancellationToken) =>
        UseAsync(async (connection, cipher, ct) =>
        {
            var command = connection.CreateCommand();
            await using var commandDisposal = command.ConfigureAwait(false);
            command.CommandText = "SELECT sealed FROM tokens WHERE account = $account";
            command.Parameters.AddWithValue("$account", account);
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is byte[] sealedBytes ? Open(cipher, account, sealedBytes) : null;
        }, cancellationToken);

    public Task SaveAsync(string account, OuraTokenSet tokens, CancellationToken cancellationToken) =>
        UseAsync(async (connection, cipher, ct) =>
        {
            var sealedBytes = cipher.SealTokenSet(account, tokens);
            var command = connection.CreateCommand();
            await using var commandDisposal = command.ConfigureAwait(false);
            command.CommandText = """
                INSERT INTO tokens (account, sealed, updated_at) VALUES ($account, $sealed, $updated)
                ON CONFLICT (account) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$account", account);
            command.Parameters.AddWithValue("$sealed", sealedBytes);
            command.Parameters.AddWithValue("$updated", _time.GetUtcNow().ToString("O"));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string account, CancellationToken cancellationToken) =>
        UseAsync(async (connection, _, ct) =>
        {
            var command = connection.CreateCommand();
            await using var commandDisposal = command.ConfigureAwait(false);
            command.CommandText = "DELETE FROM tokens WHERE account = $account";
            command.Parameters.AddWithValue("$account", account);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<string>>(async (connection, _, ct) =>
        {
            var command = connection.CreateCommand();
            await using var commandDisposal = command.ConfigureAwait(false);
            command.CommandText = "SELECT account FROM tokens ORDER BY account";
            var accounts = new List<string>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) accounts.Add(reader.GetString(0));
            accounts.Sort(StringComparer.Ordinal);
            return accounts;
        }, cancellationToken);

    /// <remarks>
    /// The transaction is a critical section, not all-or-nothing: it commits even when <paramref name="action"/> throws,
    /// because a refresh token saved inside must survive whatever fails after it.
    /// </remarks>
    public async Task<T> WithAccountLockAsync<T>(string account, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        if (_lockConnection.Value is not null) return await action(cancellationToken).ConfigureAwait(false);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(_options.LockTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        SqliteConnection connection;
        try
        {
            await _instanceGate.WaitAsync(linked.Token).ConfigureAwait(false);
            try { connection = await BeginImmediateAsync(linked.Token).ConfigureAwait(false); }
            catch { _instanceGate.Release(); throw; }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TokenStoreException($"Timed out after {_options.LockTimeout.TotalSeconds:0} s waiting for the lock on {_options.Path}: another oura-mcp process is holding it (a sign-in or token refresh in progress). Try again.");
        }

        try
        {
            _lockConnection.Value = connection;
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lockConnection.Value = null;
            try
            {
                var commit = connection.CreateCommand();
                await using var commitDisposal = commit.ConfigureAwait(false);
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _instanceGate.Release();
            }
        }
    }

    private async Task<SqliteConnection> BeginImmediateAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // No waiting inside SQLite or the driver: the wait happens here, on the TimeProvider, cancellable.
                var noWait = connection.CreateCommand();
                await using (noWait.ConfigureAwait(false))
                {
                    noWait.CommandText = "PRAGMA busy_timeout = 0";
                    await noWait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                var begin = connection.CreateCommand();
                await using (begin.ConfigureAwait(false))
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    begin.CommandTimeout = 1;
                    await begin.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                // Belt and braces: only a connection that is really inside the transaction holds the lock.
                if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
                    throw new SqliteException("BEGIN IMMEDIATE did not open a transaction.", SqliteBusy);
                return connection;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                LogWaitingForLock(_logger, _options.Path);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)), _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<T> UseAsync<T>(Func<SqliteConnection, TokenCipher, CancellationToken, Task<T>> use, CancellationToken cancellationToken)
    {
        var cipher = await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        if (_lockConnection.Value is { } held) return await Guard(() => use(held, cipher, cancellationToken)).ConfigureAwait(false);
        return await Guard(async () =>
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            return await use(connection, cipher, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try { return await operation().ConfigureAwait(false); }
        catch (SqliteException e) { throw Translate(e); }
    }

    private TokenStoreException Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new TokenStoreException($"{_options.Path} is damaged (not a SQLite database). It was left untouched: move it aside and run `OuraMcp.Server auth login` again.", e),
        SqliteBusy or SqliteLocked => new TokenStoreException($"{_options.Path} stayed locked by another process for longer than {_options.LockTimeout.TotalSeconds:0} s. Try again.", e),
        _ => new TokenStoreException($"The token database {_options.Path} failed (SQLite error {e.SqliteErrorCode}). It was left as it was; check the file and its directory.", e),
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(e);
        }
    }

    private async Task<TokenCipher> EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_cipher is { } ready) return ready;
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cipher is { } raced) return raced;
            OwnerOnly.EnsureDirectory(Path.GetDirectoryName(_options.Path)!);
            var existed = File.Exists(_options.Path) && new FileInfo(_options.Path).Length > 0;
            if (existed) OwnerOnly.EnsureNotShared(_options.Path, "600");
            // Created owner-only before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
            OwnerOnly.Touch(_options.Path);

            return await Guard(async () =>
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var connectionDisposal = connection.ConfigureAwait(false);
                var schema = connection.CreateCommand();
                await using (schema.ConfigureAwait(false))
                {
                    schema.CommandText = """
                        PRAGMA journal_mode = WAL;
                        CREATE TABLE IF NOT EXISTS tokens (account TEXT PRIMARY KEY NOT NULL, sealed BLOB NOT NULL, updated_at TEXT NOT NULL);
                        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL);
                        """;
                    await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var read = connection.CreateCommand();
                await using var readDisposal = read.ConfigureAwait(false);
                read.CommandText = "SELECT value FROM meta WHERE name = $name";
                read.Parameters.AddWithValue("$name", KeyCheckName);
                if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] check)
                {
                    // A known value sealed with the key: a wrong key is reported at once, not as each account fails.
                    var key = _key.Get(create: false) ?? throw new TokenStoreException(
                        $"Could not decrypt {_options.Path}: its key file {_key.KeyFilePath} is missing. Restore that file, or set {FileTokenStoreOptions.KeyVariable} to the key the store was written with; otherwise move {_options.Path} aside and run `OuraMcp.Server auth login` again.");
                    var cipher = new TokenCipher(key);
                    try { cipher.Open(check, TokenCipher.KeyCheckPlaintext); }
                    catch (CryptographicException e) { throw WrongKey(e); }
                    return _cipher = cipher;
                }
                else
                {
                    var cipher = new TokenCipher(_key.Get(create: true)!);
                    var write = connection.CreateCommand();
                    await using var writeDisposal = write.ConfigureAwait(false);
                    write.CommandText = "INSERT OR IGNORE INTO meta (name, value) VALUES ($name, $value)";
                    write.Parameters.AddWithValue("$name", KeyCheckName);
                    write.Parameters.AddWithValue("$value", cipher.Seal([], TokenCipher.KeyCheckPlaintext));
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    return _cipher = cipher;
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            _initGate.Release();
        }
    }

    private OuraTokenSet Open(TokenCipher cipher, string account, byte[] sealedBytes)
    {
        try { return cipher.OpenTokenSet(account, sealedBytes, _options.Path); }
        catch (CryptographicException e) { throw WrongKey(e); }
    }

    private TokenStoreException WrongKey(Exception inner) => new(
        $"Could not decrypt {_options.Path}: {_key.Description} does not match the key it was written with (or the data was altered). Use the original key; otherwise move {_options.Path} aside and run `OuraMcp.Server auth login` again.", inner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the token database lock on {DatabasePath}")]
    private static partial void LogWaitingForLock(ILogger logger, string databasePath);
}
