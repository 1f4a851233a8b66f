using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;

namespace OuraMcp.Server.Querying;

/// <summary>
/// A projection of whole documents onto named members (the <c>fields</c> argument), checked against the model's
/// JSON members so a typo is an error that lists the valid names, not an empty answer.
/// </summary>
public sealed class FieldSelection
{
    private FieldSelection(OuraCollection collection, IReadOnlyList<string> fields)
    {
        Collection = collection;
        Fields = fields;
    }

    public OuraCollection Collection { get; }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>Null when no fields were sent.</summary>
    public static FieldSelection? Parse(string[]? fields, OuraCollection collection)
    {
        if (fields is null || fields.Length == 0) return null;
        var valid = MembersOf(collection);
        var requested = fields
            .SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var unknown = requested.Where(f => !valid.Contains(f, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ToolInputException(
                $"Unknown field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{Echo.Short(u)}'"))} for {collection.Name}. " +
                $"Valid fields: {string.Join(", ", valid)}.");
        }

        return requested.Count == 0 ? null : new FieldSelection(collection, requested);
    }

    /// <summary>The JSON member names of a collection's model, in declaration order.</summary>
    public static IReadOnlyList<string> MembersOf(OuraCollection collection) =>
        OuraJson.Options.GetTypeInfo(collection.ModelType).Properties
            .Where(p => !p.IsExtensionData)
            .Select(p => p.Name)
            .ToList();

    /// <summary>The members to ask Oura for: the selection plus what the server needs to place a document in time.</summary>
    public IReadOnlyList<string> UpstreamFields()
    {
        var upstream = new List<string>(Fields);
        foreach (var always in new[] { "id", Collection.DayField })
        {
            if (always is not null && !upstream.Contains(always) && MembersOf(Collection).Contains(always)) upstream.Add(always);
        }

        return upstream;
    }

    /// <summary>The document with only the selected members (always its id and day, so rows stay identifiable).</summary>
    public JsonElement Project(JsonElement document)
    {
        var projected = new JsonObject();
        foreach (var name in UpstreamFields())
        {
            if (document.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                projected[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(projected, Answers.ServerJsonContext.Default.JsonObject);
    }
}
