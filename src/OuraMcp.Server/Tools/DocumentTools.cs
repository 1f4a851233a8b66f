using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Answers;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tools;

/// <summary>Any document by collection and id, for ids seen in other answers.</summary>
[McpServerToolType]
[Toolset(Toolsets.Documents)]
public sealed class DocumentTools
{

    [McpServerTool(Name = "get_document", Title = "Document by id", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(DocumentAnswer))]
    [Description("One whole Oura document by collection and id (ids appear in other answers, e.g. workouts and sessions). Returns every member Oura stores, including sample arrays.")]
    [ReadsCollections("daily_activity", "daily_cardiovascular_age", "daily_readiness", "daily_resilience", "daily_sleep", "daily_spo2",
        "daily_stress", "enhanced_tag", "rest_mode_period", "ring_configuration", "session", "sleep", "sleep_time", "tag", "vO2_max", "workout")]
    public async Task<CallToolResult> GetDocument(
        RequestContext<CallToolRequestParams> context,
        [Description("The collection the document belongs to."), AllowedValuesFrom(AllowedValuesSource.DocumentCollections)] string collection,
        [Description("The document id, exactly as an earlier answer gave it.")] string id,
        CancellationToken cancellationToken = default)
    {
        // Read with the asker's own token: an id from another person's data is simply not found.
        var oura = WhoIsAsking.Of(context).Oura;
        var target = ParseCollection(collection);
        var documentId = ParseId(id);
        var document = await target.Accept(new DocumentFetch(oura, documentId, cancellationToken)).ConfigureAwait(false);
        var answer = new DocumentAnswer { Collection = target.Name, Id = documentId, Document = document };
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = $"{target.Name} {documentId}: {document.GetRawText()}" }],
            StructuredContent = ServerJson.ToElement(answer),
        };
    }

    private static OuraCollection ParseCollection(string? name)
    {
        var valid = ToolSelection.AllowedValues(AllowedValuesSource.DocumentCollections);
        var found = string.IsNullOrWhiteSpace(name) ? null : OuraCatalog.Find(name.Trim());
        if (found is null || !found.HasDocumentRoute)
        {
            var why = found is null ? $"'{Echo.Short(name)}' is not an Oura collection" : $"{found.Name} has no documents by id";
            throw new ToolInputException($"{why}. Send one of: {string.Join(", ", valid)}.");
        }

        return found;
    }

    /// <summary>Ids go into the URL path: anything that could change the route is refused before Oura is asked.</summary>
    private static string ParseId(string? id)
    {
        var trimmed = id?.Trim() ?? "";
        if (trimmed.Length is 0 or > 128 || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || trimmed.Contains(".."))
        {
            throw new ToolInputException(
                $"'{Echo.Short(id)}' is not a valid document id: ids are up to 128 letters, digits, '-', '_' or '.', e.g. 2-5daccc095220cc5493a4e9c2b681ca941e. Copy it exactly from an earlier answer.");
        }

        return trimmed;
    }

    private sealed class DocumentFetch(IOuraClient client, string id, CancellationToken cancellationToken) : IOuraCollectionVisitor<Task<JsonElement>>
    {
        public async Task<JsonElement> Visit<T>(OuraCollection<T> collection)
        {
            var document = await client.GetDocumentAsync(collection, id, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToElement(document, collection.ModelTypeInfo);
        }
    }
}
