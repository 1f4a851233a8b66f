using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OuraMcp.History.Storage;

/// <summary>
/// The history in one SQLite file (WAL: readers carry on while a sync writes). Each write is an immediate transaction,
/// so two processes syncing the same file take turns instead of failing.
/// </summary>
public sealed class SqliteHistoryStore(string path) : SqlHistoryStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 30,
        Pooling = false,
    }.ToString();

    public override string Location { get; } = Path.GetFullPath(path);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Location);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // In WAL mode NORMAL still survives a process crash; only a power cut may lose the last commits, which a sync re-fetches.
        var pragma = Command(connection, null, "PRAGMA synchronous = NORMAL");
        await using var pragmaDisposal = pragma.ConfigureAwait(false);
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task InitializeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var command = Command(connection, null, "PRAGMA journal_mode = WAL;\n" + Schema);
        await using var commandDisposal = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, string person, string collection, CancellationToken cancellationToken) =>
        // Not deferred: the write lock is taken at BEGIN, so the settled days read inside cannot be changed by another writer.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override HistoryStoreException? Explain(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: 26 } => new($"{Location} is not a SQLite database. Move it away or set OURA_HISTORY_STORE to another path.", error),
        SqliteException { SqliteErrorCode: 5 or 6 } => new($"{Location} stayed locked by another process for 30 s. Wait for the other sync to finish, then run it again.", error),
        SqliteException e => new($"Could not use the history in {Location} (SQLite error {e.SqliteErrorCode}). Check that the file and its folder are writable.", error),
        IOException or UnauthorizedAccessException => new($"Could not open the history in {Location}: {error.Message}", error),
        _ => null,
    };
}
