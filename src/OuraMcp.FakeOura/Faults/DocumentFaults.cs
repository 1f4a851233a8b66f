using System.Text.Json.Nodes;

namespace OuraMcp.FakeOura;

/// <summary>
/// Spoils or repeats one document of a list page's <c>data</c>, leaving the rest of the page as the route wrote it; on a
/// single-document route, spoils the document.
/// </summary>
internal static class DocumentFaults
{
    public static byte[] Apply(byte[] body, IReadOnlyList<FakeFault> faults)
    {
        if (faults.Count == 0) return body;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }

        if (root is JsonObject single && single["data"] is null)
        {
            // A single-document route: the document is the whole body.
            foreach (var fault in faults.Where(f => f.Kind == FakeFaultKind.MalformedDocument)) Spoil(single, fault.Field!, fault.Value);
            return System.Text.Encoding.UTF8.GetBytes(single.ToJsonString(Http.Responses.Writer));
        }

        if (root?["data"] is not JsonArray { Count: > 0 } data) return body;
        foreach (var fault in faults)
        {
            var index = Math.Min(fault.DocumentIndex, data.Count - 1);
            if (fault.Kind == FakeFaultKind.RepeatedDocument) data.Add(data[index]!.DeepClone());
            else if (data[index] is JsonObject document) Spoil(document, fault.Field!, fault.Value);
        }

        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(Http.Responses.Writer));
    }

    private static void Spoil(JsonObject document, string field, string value)
    {
        var path = field.Split('.');
        var parent = document;
        foreach (var name in path[..^1])
        {
            if (parent[name] is not JsonObject child) parent[name] = child = new JsonObject();
            parent = child;
        }

        parent[path[^1]] = value;
    }
}
