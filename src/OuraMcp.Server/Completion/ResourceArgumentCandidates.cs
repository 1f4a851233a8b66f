using OuraMcp.Oura.Catalog;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Completion;

/// <summary>What a resource template's argument may be: collection names from the catalog; days with stored data of the collection, then recent days.</summary>
public sealed class ResourceArgumentCandidates(TimeProvider time)
{
    /// <summary>The candidates, or none for an unknown template or argument.</summary>
    /// <param name="template">The template's URI, exactly as listed.</param>
    /// <param name="argument">The argument being completed.</param>
    /// <param name="known">The template's other arguments the client already has: an end is offered from its start.</param>
    /// <param name="person">The person asking, resolved only when a date needs their today and their history.</param>
    /// <param name="cancellationToken">Cancels reading the history.</param>
    public async Task<IEnumerable<string>> ForAsync(
        string template, string argument, IDictionary<string, string>? known, Func<Task<Person>> person, CancellationToken cancellationToken)
    {
        var collectionTemplate = template is ResourceAddress.CollectionDayTemplate or ResourceAddress.CollectionRangeTemplate;
        switch (template, argument)
        {
            case (_, "collection") when collectionTemplate:
                return ResourceAddress.DatedCollections.Select(c => c.Name);
            case (ResourceAddress.DayTemplate, "date"):
                return await DatesAsync(DayCandidates.Daily).ConfigureAwait(false);
            case (ResourceAddress.CollectionDayTemplate, "date"):
            case (ResourceAddress.CollectionRangeTemplate, "start"):
                return await DatesAsync(Named(known)).ConfigureAwait(false);
            case (ResourceAddress.CollectionRangeTemplate, "end"):
                // An end within the longest read from the start already chosen; without one, like a start.
                var asking = await person().ConfigureAwait(false);
                var today = asking.Today(time);
                return DayCandidates.Known(known, "start") is { } start && start <= today
                    ? await DayCandidates.WithDataAsync(asking, Named(known), start, Min(today, start.AddDays(MaxDays(known) - 1)), cancellationToken).ConfigureAwait(false)
                    : await DatesAsync(Named(known)).ConfigureAwait(false);
            default:
                return [];
        }

        async Task<IEnumerable<string>> DatesAsync(IReadOnlyCollection<OuraCollection> collections)
        {
            var asking = await person().ConfigureAwait(false);
            return await DayCandidates.WithDataAsync(asking, collections, asking.Today(time), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The collection a date is of: the one already chosen, or a whole day's when none is yet (an unknown one has no stored days).</summary>
    private static IReadOnlyCollection<OuraCollection> Named(IDictionary<string, string>? known) =>
        known is null || !known.TryGetValue("collection", out var name) ? DayCandidates.Daily
        : OuraCatalog.Find(name) is { Range: not RangeKind.None } collection ? [collection]
        : [];

    private static int MaxDays(IDictionary<string, string>? known) =>
        known is not null && known.TryGetValue("collection", out var name) && OuraCatalog.Find(name) is { Range: RangeKind.DateTimes }
            ? ResourceAddress.MaxSeriesDays
            : ResourceAddress.MaxDays;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
