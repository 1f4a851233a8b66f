using System.Globalization;
using System.Text.Json;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.History.Sync;

/// <summary>
/// What the store keeps of a document from Oura: its id, its local day and its JSON as the model writes it back (the
/// models keep members they do not know, so new Oura fields survive). A sync's windows and a webhook's single
/// document become the same rows.
/// </summary>
public static class StoredDocuments
{
    /// <summary>Fetches one document by its id (<c>GET .../{document_id}</c>) as the store keeps it.</summary>
    public static Task<HistoryDocument> FetchAsync(IOuraClient client, OuraCollection collection, string documentId, TimeZoneInfo zone, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
        collection.Accept(new OneDocument(client, documentId, zone, fetchedAt, cancellationToken));

    /// <summary>Documents as the client read them, as the store keeps them.</summary>
    public static List<HistoryDocument> From<T>(OuraCollection<T> collection, IReadOnlyList<T> items, TimeZoneInfo zone, DateTimeOffset fetchedAt) =>
        items.Select(item => From(collection, item, zone, fetchedAt)).ToList();

    public static HistoryDocument From<T>(OuraCollection<T> collection, T item, TimeZoneInfo zone, DateTimeOffset fetchedAt)
    {
        var json = JsonSerializer.Serialize(item, collection.ModelTypeInfo);
        using var parsed = JsonDocument.Parse(json);
        return new HistoryDocument(IdOf(collection, parsed.RootElement), DayOf(collection, parsed.RootElement, zone), json, fetchedAt);
    }

    /// <summary>The document's id; time-series rows have none, so their timestamp (and source, where rows have one) is.</summary>
    private static string IdOf(OuraCollection collection, JsonElement document)
    {
        if (document.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) return id.GetString()!;
        if (document.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
        {
            return document.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                ? $"{timestamp.GetString()}|{source.GetString()}"
                : timestamp.GetString()!;
        }
        throw new HistorySyncException($"A {collection.Name} document from Oura has neither an id nor a timestamp; it cannot be kept.");
    }

    private static DateOnly? DayOf(OuraCollection collection, JsonElement document, TimeZoneInfo zone)
    {
        if (collection.DayField is { } field && document.TryGetProperty(field, out var day) && day.ValueKind == JsonValueKind.String)
            return DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (collection.Range == RangeKind.DateTimes && document.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timestamp.GetDateTimeOffset(), zone).DateTime);
        return null;
    }

    private sealed class OneDocument(IOuraClient client, string documentId, TimeZoneInfo zone, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
        : IOuraCollectionVisitor<Task<HistoryDocument>>
    {
        public async Task<HistoryDocument> Visit<T>(OuraCollection<T> collection) =>
            From(collection, await client.GetDocumentAsync(collection, documentId, cancellationToken).ConfigureAwait(false), zone, fetchedAt);
    }
}
