using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Client;

/// <summary>A list page and the documents on it that could not be read.</summary>
internal sealed record PageRead<T>(OuraPage<T> Page, IReadOnlyList<OuraUnreadableDocument> Unreadable);

/// <summary>
/// Reads a list page so that one unreadable document does not sink the others: the page is read whole (the common
/// path, one pass), and only when that fails is it read document by document, naming each one that fails.
/// A body that is not a page at all (not JSON, no <c>data</c> array) still fails as a whole.
/// </summary>
internal static class PageReader
{
    public static PageRead<T> Read<T>(byte[] body, JsonTypeInfo<OuraPage<T>> pageType, JsonTypeInfo<T> documentType, string collection, string? placeField, int pageNumber)
    {
        try
        {
            return new PageRead<T>(JsonSerializer.Deserialize(body, pageType) ?? throw new JsonException("The page is null."), []);
        }
        catch (JsonException)
        {
            return Salvage(body, documentType, collection, placeField, pageNumber);
        }
    }

    private static PageRead<T> Salvage<T>(byte[] body, JsonTypeInfo<T> documentType, string collection, string? placeField, int pageNumber)
    {
        using var document = JsonDocument.Parse(body); // throws JsonException when the body is not JSON at all
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The answer is not a page: it has no data array.");
        }

        string? nextToken = null;
        if (root.TryGetProperty("next_token", out var next))
        {
            nextToken = next.ValueKind switch
            {
                JsonValueKind.String => next.GetString(),
                JsonValueKind.Null => null,
                _ => throw new JsonException("The page's next_token is not text."),
            };
        }

        var kept = new List<T>();
        var unreadable = new List<OuraUnreadableDocument>();
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            position++;
            try
            {
                if (item.Deserialize(documentType) is { } read) kept.Add(read);
                else unreadable.Add(new OuraUnreadableDocument(collection, Place(position, pageNumber), null, "the document", "null"));
            }
            catch (JsonException e)
            {
                unreadable.Add(Describe(item, e, collection, placeField, position, pageNumber));
            }
        }

        return new PageRead<T>(new OuraPage<T> { Data = kept, NextToken = nextToken }, unreadable);
    }

    /// <summary>What is wrong with a body that is whole JSON but not the document expected; null when it is not whole JSON.</summary>
    public static OuraUnreadableDocument? DescribeMisshapen(byte[] body, JsonException? error, string collection)
    {
        if (error is null) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return Describe(document.RootElement, error, collection, null, 1, 1);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OuraUnreadableDocument Describe(
        JsonElement item, JsonException error, string collection, string? placeField, int position, int pageNumber)
    {
        var placed = item.ValueKind == JsonValueKind.Object && placeField is not null ? Text(item, placeField) : null;
        var path = error.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        var which = item.ValueKind == JsonValueKind.Object
            ? Text(item, "id") is { } id ? $"id '{OuraUnreadableDocument.Shorten(id)}'"
            : Text(item, "day") is { } day ? $"day {OuraUnreadableDocument.Shorten(day)}"
            : Text(item, "timestamp") is { } at ? $"at {OuraUnreadableDocument.Shorten(at)}"
            : Place(position, pageNumber)
            : Place(position, pageNumber);
        if (path is null) return new OuraUnreadableDocument(collection, which, placed, "the document is not the shape Oura documents", null);
        var value = Find(item, path) is { } found
            ? found.ValueKind == JsonValueKind.String ? $"\"{OuraUnreadableDocument.Shorten(found.GetString()!)}\"" : OuraUnreadableDocument.Shorten(found.GetRawText())
            : null;
        return new OuraUnreadableDocument(collection, which, placed, path, value);
    }

    private static string Place(int position, int pageNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"item {position} of page {pageNumber}");

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The element at a System.Text.Json error path below the document ("a.b[2].c"); null when it cannot be followed.</summary>
    private static JsonElement? Find(JsonElement item, string path)
    {
        var current = item;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var indexes = new List<int>();
            while (name.EndsWith(']') && name.LastIndexOf('[') is var open and > 0
                   && int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indexes.Insert(0, index);
                name = name[..open];
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            foreach (var index in indexes)
            {
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
        }

        return current;
    }
}
