using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>One collection a day tool reads, and how to place each of its documents on a local day.</summary>
public abstract class DaySource
{
    public abstract OuraCollection Collection { get; }

    public abstract Task<FetchedDocuments> FetchAsync(IOuraClient client, OuraListRequest request, CancellationToken cancellationToken);

    /// <summary>The whole document as Oura sends it.</summary>
    public abstract JsonElement ToJson(object document);
}

/// <inheritdoc />
public sealed class DaySource<T>(OuraCollection<T> collection, Func<T, DateOnly> day) : DaySource
    where T : notnull
{
    public override OuraCollection Collection => collection;

    public OuraCollection<T> Typed => collection;

    public override async Task<FetchedDocuments> FetchAsync(IOuraClient client, OuraListRequest request, CancellationToken cancellationToken)
    {
        if (!collection.SupportsFields) request = request with { Fields = null };
        var result = await client.ListAsync(collection, request, cancellationToken).ConfigureAwait(false);
        return new FetchedDocuments(
            this,
            result.Data.Select(d => new FetchedDocument(day(d), d)).ToList(),
            FetchOutcome.Of(collection, result));
    }

    public override JsonElement ToJson(object document) => JsonSerializer.SerializeToElement((T)document, collection.ModelTypeInfo);
}

/// <summary>A document and its local day.</summary>
public sealed record FetchedDocument(DateOnly Day, object Document);

/// <summary>What one source returned.</summary>
public sealed record FetchedDocuments(DaySource Source, IReadOnlyList<FetchedDocument> Documents, FetchOutcome Outcome);

/// <summary>Everything a day tool fetched, by collection.</summary>
public sealed class FetchedSet(IReadOnlyList<FetchedDocuments> results)
{
    public IReadOnlyList<FetchedDocuments> Results { get; } = results;

    public IEnumerable<T> Of<T>(OuraCollection<T> collection) =>
        Results.Where(r => ReferenceEquals(r.Source.Collection, collection)).SelectMany(r => r.Documents).Select(d => (T)d.Document);

    public IEnumerable<DateOnly> Days => Results.SelectMany(r => r.Documents).Select(d => d.Day).Distinct();
}
