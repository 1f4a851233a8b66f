using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace OuraMcp.FakeOura.Webhooks;

/// <summary>
/// Changes made to a synthetic person's documents after the fact (a night's score revised, a tag deleted), laid over
/// the generated data wherever it is served: lists and single documents alike. Keyed by person, collection and id.
/// </summary>
internal sealed class DocumentEdits
{
    private readonly ConcurrentDictionary<(string Person, string Collection, string Id), JsonObject?> _edits = new();

    /// <summary>Sets members (dotted paths reach into nested objects) of one document from now on; later sets add to earlier ones.</summary>
    public void Set(string person, string collection, string id, JsonObject members) =>
        _edits.AddOrUpdate((person, collection, id), _ => (JsonObject)members.DeepClone(), (_, existing) =>
        {
            var merged = (JsonObject?)existing?.DeepClone() ?? new JsonObject();
            foreach (var (name, value) in members) merged[name] = value?.DeepClone();
            return merged;
        });

    /// <summary>The document is gone from now on.</summary>
    public void Delete(string person, string collection, string id) => _edits[(person, collection, id)] = null;

    public bool IsDeleted(string person, string collection, string? id) =>
        id is not null && _edits.TryGetValue((person, collection, id), out var edit) && edit is null;

    /// <summary>The document as served now: <paramref name="document"/> with its edits applied.</summary>
    public JsonNode Apply(string person, string collection, string? id, JsonNode document)
    {
        if (id is null || !_edits.TryGetValue((person, collection, id), out var edit) || edit is null || document is not JsonObject root) return document;
        foreach (var (path, value) in edit)
        {
            var names = path.Split('.');
            var parent = root;
            foreach (var name in names[..^1])
            {
                if (parent[name] is not JsonObject child) parent[name] = child = new JsonObject();
                parent = child;
            }
            parent[names[^1]] = value?.DeepClone();
        }
        return root;
    }
}
