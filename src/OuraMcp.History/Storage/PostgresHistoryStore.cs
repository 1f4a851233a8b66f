using System.Data.Common;
using Npgsql;
using OuraMcp.Accounts.Storage;

namespace OuraMcp.History.Storage;

/// <summary>
/// The history in PostgreSQL, for a hosted server. A write holds a transaction-scoped advisory lock on the person's
/// collection, so two writers of the same collection take turns and different people never wait for each other.
/// </summary>
public sealed class PostgresHistoryStore : SqlHistoryStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">Npgsql keywords or a <c>postgres://</c> URI; never quoted in messages.</param>
    public PostgresHistoryStore(string connectionString)
    {
        var builder = PostgresConnection.Parse(connectionString, HistoryStores.Variable);
        Location = PostgresConnection.Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task InitializeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // CREATE ... IF NOT EXISTS still races between two servers starting at once: one lock orders them.
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('oura-mcp history schema'));\n" + Schema);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string person, string collection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@key))");
        await using var commandDisposal = command.ConfigureAwait(false);
        Add(command, "key", $"oura-mcp history {person}/{collection}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>
    /// One statement per window, its columns sent as arrays: a year of heart rate is about 100,000 rows, which one
    /// round trip each would make minutes. Ids are made unique first (the last wins), as one statement may not
    /// update a row twice.
    /// </summary>
    protected override async Task InsertAsync(DbConnection connection, DbTransaction transaction, string person, string collection, IReadOnlyList<HistoryDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        var unique = documents.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var insert = (NpgsqlCommand)Command(connection, transaction, $"""
            {UpsertColumns} SELECT @person, @collection, d.id, d.day, d.json, d.fetched
            FROM unnest(@ids, @days, @jsons, @fetched) AS d(id, day, json, fetched)
            {OnConflict}
            """);
        await using var insertDisposal = insert.ConfigureAwait(false);
        insert.Parameters.Add(new NpgsqlParameter<string>("person", person));
        insert.Parameters.Add(new NpgsqlParameter<string>("collection", collection));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", unique.Select(d => d.Id).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("days", unique.Select(d => Day(d.Day)).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("jsons", unique.Select(d => d.Json).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("fetched", unique.Select(FetchedAt).ToArray()));
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    protected override HistoryStoreException? Explain(Exception error) => error switch
    {
        // The type only: Npgsql's messages can quote parts of the connection string.
        NpgsqlException or PostgresException => new($"Could not use the history in {Location} ({error.GetType().Name}). Check that the server answers and the user may create tables.", error),
        _ => null,
    };

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
