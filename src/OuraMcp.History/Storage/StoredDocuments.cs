using System.Globalization;
using System.Text.Json;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Storage;

/// <summary>
/// Turns documents from Oura into what the store keeps: each one's id, its local day and its JSON as the model writes
/// it back (the models keep members they do not know, so new Oura fields survive).
/// </summary>
public static class StoredDocuments
{
    /// <param name="collection">Where the documents come from.</param>
    /// <param name="documents">As the client read them.</param>
    /// <param name="zone">Places a time-series row on a local day (day collections carry their own day).</param>
    /// <param name="fetchedAt">When Oura was asked.</param>
    public static List<HistoryDocument> From<T>(OuraCollection<T> collection, IReadOnlyList<T> documents, TimeZoneInfo zone, DateTimeOffset fetchedAt)
    {
        var stored = new List<HistoryDocument>(documents.Count);
        foreach (var document in documents)
        {
            var json = JsonSerializer.Serialize(document, collection.ModelTypeInfo);
            using var parsed = JsonDocument.Parse(json);
            stored.Add(new HistoryDocument(IdOf(collection, parsed.RootElement), DayOf(collection, parsed.RootElement, zone), json, fetchedAt));
        }
        return stored;
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
        throw new HistoryStoreException($"A {collection.Name} document from Oura has neither an id nor a timestamp; it cannot be kept.");
    }

    private static DateOnly? DayOf(OuraCollection collection, JsonElement document, TimeZoneInfo zone)
    {
        if (collection.DayField is { } field && document.TryGetProperty(field, out var day) && day.ValueKind == JsonValueKind.String)
            return DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (collection.Range == RangeKind.DateTimes && document.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timestamp.GetDateTimeOffset(), zone).DateTime);
        return null;
    }
}
