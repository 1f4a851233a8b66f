using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.History.Sync;

/// <summary>
/// Fetches one window of one collection and turns each document into what the store keeps: its id, its local day and
/// its JSON as the model writes it back (the models keep members they do not know, so new Oura fields survive).
/// </summary>
internal sealed class WindowFetch(IOuraClient client, DayInterval? days, TimeZoneInfo zone, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    : IOuraCollectionVisitor<Task<FetchedWindow>>
{
    public async Task<FetchedWindow> Visit<T>(OuraCollection<T> collection)
    {
        IReadOnlyList<T> items;
        int pages;
        if (collection.IsSingleton)
        {
            items = [(T)(object)await client.GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false)];
            pages = 1;
        }
        else
        {
            var request = days is { } window ? OuraListRequest.ForDays(window.First, window.Last, zone) : new OuraListRequest { TimeZone = zone };
            var result = await client.ListAsync(collection, request, cancellationToken).ConfigureAwait(false);
            if (!result.IsComplete)
            {
                throw new HistorySyncException(
                    $"Oura's answer for {collection.Name} {days} stopped early ({result.IncompleteReason}); nothing of it was stored. Run the sync again.");
            }
            (items, pages) = (result.Data, result.PagesFetched);
        }

        var documents = new List<HistoryDocument>(items.Count);
        foreach (var item in items) documents.Add(StoredDocuments.From(collection, item, zone, fetchedAt));
        return new FetchedWindow(documents, pages);
    }
}

/// <summary>The documents of one window and how many pages (Oura calls) they took.</summary>
internal sealed record FetchedWindow(IReadOnlyList<HistoryDocument> Documents, int Pages);

/// <summary>The sync could not go on; the message says what to do. What was stored before stays.</summary>
public sealed class HistorySyncException(string message, Exception? inner = null) : Exception(message, inner);
