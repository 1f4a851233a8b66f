using System.Data.Common;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Storage;

public abstract partial class SqlHistoryStore
{
    public Task<IReadOnlyList<DateOnly>> ApplyChangeAsync(string person, OuraCollection collection, string documentId, HistoryDocument? document, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<DateOnly>>(async (connection, ct) =>
        {
            var transaction = await BeginWriteAsync(connection, person, collection.Name, ct).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var days = new SortedSet<DateOnly>();
            if (await StoredDayAsync(connection, transaction, person, collection.Name, documentId, ct).ConfigureAwait(false) is { } before) days.Add(before);
            if (document?.Day is { } after) days.Add(after);

            if (document is null)
            {
                var delete = Command(connection, transaction, "DELETE FROM history_documents WHERE person = @person AND collection = @collection AND id = @id");
                await using var deleteDisposal = delete.ConfigureAwait(false);
                Add(delete, "person", person);
                Add(delete, "collection", collection.Name);
                Add(delete, "id", documentId);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            else
            {
                await InsertAsync(connection, transaction, person, collection.Name, [document], ct).ConfigureAwait(false);
            }

            if (days.Count > 0)
            {
                var settled = await ReadSettledAsync(connection, transaction, person, collection.Name, ct).ConfigureAwait(false);
                var kept = DayIntervals.Without(settled, days);
                if (kept.Count != settled.Count || !kept.SequenceEqual(settled))
                    await WriteSettledAsync(connection, transaction, person, collection.Name, kept, ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return [.. days];
        }, cancellationToken);

    private static async Task<DateOnly?> StoredDayAsync(DbConnection connection, DbTransaction transaction, string person, string collection, string id, CancellationToken ct)
    {
        var command = Command(connection, transaction, "SELECT day FROM history_documents WHERE person = @person AND collection = @collection AND id = @id");
        await using var commandDisposal = command.ConfigureAwait(false);
        Add(command, "person", person);
        Add(command, "collection", collection);
        Add(command, "id", id);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string day ? ParseDay(day) : null;
    }
}
