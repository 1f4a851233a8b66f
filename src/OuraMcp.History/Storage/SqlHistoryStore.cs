using System.Data;
using System.Data.Common;
using System.Globalization;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Storage;

/// <summary>
/// The history store in plain SQL that SQLite and PostgreSQL both speak (<c>ON CONFLICT</c> upserts, text columns,
/// days as sortable <c>yyyy-MM-dd</c>). A subclass opens connections, creates the schema and serializes writers of
/// one person's collection; everything else is here once.
/// </summary>
public abstract partial class SqlHistoryStore : IHistoryStore
{
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The tables, in SQL both databases accept.</summary>
    protected const string Schema = """
        CREATE TABLE IF NOT EXISTS history_documents (
            person TEXT NOT NULL,
            collection TEXT NOT NULL,
            id TEXT NOT NULL,
            day TEXT NULL,
            json TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (person, collection, id));
        CREATE INDEX IF NOT EXISTS history_documents_by_day ON history_documents (person, collection, day);
        CREATE TABLE IF NOT EXISTS history_settled (
            person TEXT NOT NULL,
            collection TEXT NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            PRIMARY KEY (person, collection, first_day));
        """ + InboxSchema;

    private readonly SemaphoreSlim _initGate = new(1, 1);
    private bool _initialized;

    public abstract string Location { get; }

    /// <summary>An open connection to the store.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables (once per instance, before the first use).</summary>
    protected abstract Task InitializeAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A write transaction that excludes other writers of the same person's collection until it ends.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, string person, string collection, CancellationToken cancellationToken);

    /// <summary>Wraps a database error in a <see cref="HistoryStoreException"/> that says what to do; null to let it through.</summary>
    protected abstract HistoryStoreException? Explain(Exception error);

    public Task SaveWindowAsync(string person, OuraCollection collection, HistoryWindow window, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var transaction = await BeginWriteAsync(connection, person, collection.Name, ct).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);

            var delete = Command(connection, transaction, window.First is null
                ? "DELETE FROM history_documents WHERE person = @person AND collection = @collection"
                : "DELETE FROM history_documents WHERE person = @person AND collection = @collection AND day >= @first AND day <= @last");
            await using (delete.ConfigureAwait(false))
            {
                Add(delete, "person", person);
                Add(delete, "collection", collection.Name);
                Add(delete, "first", Day(window.First));
                Add(delete, "last", Day(window.Last));
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await InsertAsync(connection, transaction, person, collection.Name, window.Documents, ct).ConfigureAwait(false);

            if (window.Settled is { } settled)
            {
                var merged = DayIntervals.Merge([.. await ReadSettledAsync(connection, transaction, person, collection.Name, ct).ConfigureAwait(false), settled]);
                await WriteSettledAsync(connection, transaction, person, collection.Name, merged, ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>The upsert of one window's documents (a later document with the same id wins).</summary>
    protected const string UpsertColumns = """
        INSERT INTO history_documents (person, collection, id, day, json, fetched_at)
        """;

    /// <summary>What a conflicting id updates.</summary>
    protected const string OnConflict = """
        ON CONFLICT (person, collection, id) DO UPDATE SET day = excluded.day, json = excluded.json, fetched_at = excluded.fetched_at
        """;

    /// <summary>Inserts or replaces <paramref name="documents"/>, one prepared statement per row; a database with array parameters does better.</summary>
    protected virtual async Task InsertAsync(DbConnection connection, DbTransaction transaction, string person, string collection, IReadOnlyList<HistoryDocument> documents, CancellationToken ct)
    {
        var insert = Command(connection, transaction, $"{UpsertColumns} VALUES (@person, @collection, @id, @day, @json, @fetched)\n{OnConflict}");
        await using var insertDisposal = insert.ConfigureAwait(false);
        var parameters = new[] { "person", "collection", "id", "day", "json", "fetched" }.Select(name => Add(insert, name, null)).ToArray();
        parameters[0].Value = person;
        parameters[1].Value = collection;
        foreach (var document in documents)
        {
            parameters[2].Value = document.Id;
            parameters[3].Value = (object?)Day(document.Day) ?? DBNull.Value;
            parameters[4].Value = document.Json;
            parameters[5].Value = FetchedAt(document);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<HistoryDocument>> ReadAsync(string person, OuraCollection collection, DateOnly? first, DateOnly? last, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<HistoryDocument>>(async (connection, ct) =>
        {
            var sql = "SELECT id, day, json, fetched_at FROM history_documents WHERE person = @person AND collection = @collection";
            if (first is not null) sql += " AND day >= @first";
            if (last is not null) sql += " AND day <= @last";
            var command = Command(connection, null, sql);
            await using var commandDisposal = command.ConfigureAwait(false);
            Add(command, "person", person);
            Add(command, "collection", collection.Name);
            if (first is not null) Add(command, "first", Day(first));
            if (last is not null) Add(command, "last", Day(last));

            var documents = new List<HistoryDocument>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                documents.Add(new HistoryDocument(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : ParseDay(reader.GetString(1)),
                    reader.GetString(2),
                    DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }
            // Sorted here, not in SQL: the two databases order nulls and text differently (PostgreSQL by its collation).
            documents.Sort((a, b) => a.Day == b.Day ? string.CompareOrdinal(a.Id, b.Id) : Nullable.Compare(a.Day, b.Day));
            return documents;
        }, cancellationToken);

    public Task<IReadOnlyList<DayInterval>> GetSettledAsync(string person, OuraCollection collection, CancellationToken cancellationToken) =>
        UseAsync((connection, ct) => ReadSettledAsync(connection, null, person, collection.Name, ct), cancellationToken);

    public Task<bool> RemoveAsync(string person, OuraCollection collection, string documentId, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var command = Command(connection, null, "DELETE FROM history_documents WHERE person = @person AND collection = @collection AND id = @id");
            await using var commandDisposal = command.ConfigureAwait(false);
            Add(command, "person", person);
            Add(command, "collection", collection.Name);
            Add(command, "id", documentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<int> ForgetPersonAsync(string person, CancellationToken cancellationToken) =>
        UseAsync(async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var removed = 0;
            foreach (var table in new[] { "history_documents", "history_settled" })
            {
                var command = Command(connection, transaction, $"DELETE FROM {table} WHERE person = @person");
                await using var commandDisposal = command.ConfigureAwait(false);
                Add(command, "person", person);
                var rows = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (table == "history_documents") removed = rows;
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return removed;
        }, cancellationToken);

    public Task<IReadOnlyList<DateOnly>> DaysWithDataAsync(string person, OuraCollection collection, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<DateOnly>>(async (connection, ct) =>
        {
            var command = Command(connection, null,
                "SELECT DISTINCT day FROM history_documents WHERE person = @person AND collection = @collection AND day IS NOT NULL");
            await using var commandDisposal = command.ConfigureAwait(false);
            Add(command, "person", person);
            Add(command, "collection", collection.Name);
            var days = new List<DateOnly>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) days.Add(ParseDay(reader.GetString(0)));
            days.Sort((a, b) => b.CompareTo(a));
            return days;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountAsync(string person, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyDictionary<string, int>>(async (connection, ct) =>
        {
            var command = Command(connection, null, "SELECT collection, COUNT(*) FROM history_documents WHERE person = @person GROUP BY collection");
            await using var commandDisposal = command.ConfigureAwait(false);
            Add(command, "person", person);
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            return counts;
        }, cancellationToken);

    /// <summary>Replaces the person's settled days of <paramref name="collection"/> with <paramref name="intervals"/>.</summary>
    private static async Task WriteSettledAsync(DbConnection connection, DbTransaction transaction, string person, string collection, IReadOnlyList<DayInterval> intervals, CancellationToken ct)
    {
        var clear = Command(connection, transaction, "DELETE FROM history_settled WHERE person = @person AND collection = @collection");
        await using (clear.ConfigureAwait(false))
        {
            Add(clear, "person", person);
            Add(clear, "collection", collection);
            await clear.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        foreach (var interval in intervals)
        {
            var insert = Command(connection, transaction,
                "INSERT INTO history_settled (person, collection, first_day, last_day) VALUES (@person, @collection, @first, @last)");
            await using var insertDisposal = insert.ConfigureAwait(false);
            Add(insert, "person", person);
            Add(insert, "collection", collection);
            Add(insert, "first", Day(interval.First));
            Add(insert, "last", Day(interval.Last));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<DayInterval>> ReadSettledAsync(DbConnection connection, DbTransaction? transaction, string person, string collection, CancellationToken ct)
    {
        var command = Command(connection, transaction, "SELECT first_day, last_day FROM history_settled WHERE person = @person AND collection = @collection");
        await using var commandDisposal = command.ConfigureAwait(false);
        Add(command, "person", person);
        Add(command, "collection", collection);
        var intervals = new List<DayInterval>();
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using var readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) intervals.Add(new DayInterval(ParseDay(reader.GetString(0)), ParseDay(reader.GetString(1))));
        return DayIntervals.Merge(intervals);
    }

    private async Task<T> UseAsync<T>(Func<DbConnection, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            if (!_initialized)
            {
                await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_initialized) await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
                    _initialized = true;
                }
                finally
                {
                    _initGate.Release();
                }
            }
            return await action(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && Explain(e) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>A command on <paramref name="connection"/>, in <paramref name="transaction"/> when given.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a text parameter (null becomes SQL NULL).</summary>
    protected static DbParameter Add(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected static string FetchedAt(HistoryDocument document) => document.FetchedAt.ToString("O", CultureInfo.InvariantCulture);

    protected static string? Day(DateOnly? day) => day?.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);
}
