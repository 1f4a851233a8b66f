using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Resources;

/// <summary>
/// Reads any collection through the person's Oura client (the calls the tools make: every page, exactly the local days
/// asked for) and writes its documents as Oura's JSON.
/// </summary>
public sealed class CollectionReader(IOuraClient oura, OuraListRequest request, CancellationToken cancellationToken)
    : IOuraCollectionVisitor<Task<CollectionRead>>
{
    public async Task<CollectionRead> Visit<T>(OuraCollection<T> collection)
    {
        if (!collection.SupportsFields) request = request with { Fields = null };
        var result = await oura.ListAsync(collection, request, cancellationToken).ConfigureAwait(false);
        var documents = new JsonArray();
        foreach (var document in result.Data) documents.Add(JsonSerializer.SerializeToNode(document, collection.ModelTypeInfo));
        // Complete means every page and every document on them readable; the notices name what was left out.
        var outcome = FetchOutcome.Of(collection, result);
        return new CollectionRead(collection, documents, outcome.IsComplete, outcome.IsComplete ? null : string.Join(" ", FetchOutcome.Notices([outcome])));
    }
}

/// <summary>One collection's documents as JSON, and whether every page came and every document was readable.</summary>
public sealed record CollectionRead(OuraCollection Collection, JsonArray Documents, bool IsComplete, string? IncompleteReason);
