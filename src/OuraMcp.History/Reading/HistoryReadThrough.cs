using System.Text.Json;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;

namespace OuraMcp.History.Reading;

/// <summary>
/// A person's Oura client that answers settled days from their history and asks Oura only for the rest: a year of
/// daily sleep asked twice costs Oura's calls once. Days still provisional (today and the two before,
/// <see cref="Settlement"/>) and days not yet stored are fetched, and what comes back is stored, so the next question
/// finds those days settled; provisional days fetched a moment ago are served from the store too (<see cref="RecentFetches"/>). The answer says how much came from the store and how old it is
/// (<see cref="OuraResult{T}.FromHistory"/>).
/// </summary>
/// <remarks>
/// Lists of a day collection go through the store by local day, and series (heart rate, battery) by the whole local
/// days their instants cover (the partial days at either end are asked of Oura); the latest row, collections without
/// days and single documents go straight to Oura. A fetch is stored with all its members
/// whatever <see cref="OuraListRequest.Fields"/> asked, since the stored copy must serve any later question; and its
/// days become settled only when Oura gave every page and every document could be read, so a gap is asked again.
/// </remarks>
public sealed class HistoryReadThrough(IOuraClient oura, Func<IHistoryStore?> history, string person, TimeProvider time, RecentFetches? recent = null)
    : IOuraClient
{
    public HistoryReadThrough(IOuraClient oura, IHistoryStore store, string person, TimeProvider time, RecentFetches? recent = null)
        : this(oura, () => store, person, time, recent)
    {
    }

    /// <summary>The person's Oura client itself, for what must not be answered from the store (a sync).</summary>
    public IOuraClient Upstream => oura;

    /// <summary>Whose rows these are in the store.</summary>
    public string Person => person;

    /// <summary>The store, once one is kept (it can be started while the server runs); null until then.</summary>
    public IHistoryStore? Store => history();

    public async Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken)
    {
        if (history() is not { } store || request.Latest || WholeDays(collection, request) is not { } asked)
        {
            return await oura.ListAsync(collection, request, cancellationToken).ConfigureAwait(false);
        }

        var zone = request.TimeZone;
        var now = time.GetUtcNow();
        var today = LocalDays.Of(now, zone);
        var settled = await store.GetSettledAsync(person, collection, cancellationToken).ConfigureAwait(false);
        var (stored, missing) = Split(asked, DayIntervals.Merge([.. settled, .. recent?.Fresh(person, collection, now) ?? []]));

        var data = new List<T>();
        var unreadable = new List<OuraUnreadableDocument>();
        var (complete, reason, pages, repeats) = (true, (string?)null, 0, 0);
        async Task<OuraResult<T>> FetchAsync(OuraListRequest part)
        {
            var fetched = await oura.ListAsync(collection, part, cancellationToken).ConfigureAwait(false);
            data.AddRange(fetched.Data);
            unreadable.AddRange(fetched.Unreadable);
            (complete, reason) = fetched.IsComplete ? (complete, reason) : (false, reason ?? fetched.IncompleteReason);
            pages += fetched.PagesFetched;
            repeats += fetched.RepeatsRemoved;
            return fetched;
        }

        // A series asked from or to the middle of a day: those partial days are asked of Oura and not stored.
        foreach (var edge in PartialDays(collection, request, asked)) await FetchAsync(edge).ConfigureAwait(false);
        foreach (var gap in missing)
        {
            // All members, whatever Fields asked: the stored copy must serve any later question.
            var fetched = await FetchAsync(collection.Range == RangeKind.Dates
                ? request with { StartDay = gap.First, EndDay = gap.Last, Fields = null }
                : request with { StartDay = null, EndDay = null, Start = LocalDays.Start(gap.First, zone), End = LocalDays.Start(gap.Last.AddDays(1), zone), Fields = null })
                .ConfigureAwait(false);
            var lastSettled = Settlement.LastSettledDay(today);
            DayInterval? nowSettled = fetched.IsComplete && fetched.Unreadable.Count == 0 && gap.First <= lastSettled
                ? gap with { Last = gap.Last < lastSettled ? gap.Last : lastSettled }
                : null;
            // Not cancellable: what Oura answered is kept, so the next question does not ask for it again.
            await store.SaveWindowAsync(person, collection, new HistoryWindow(gap.First, gap.Last, StoredDocuments.From(collection, fetched.Data, zone, now), nowSettled),
                CancellationToken.None).ConfigureAwait(false);
            if (fetched.IsComplete && fetched.Unreadable.Count == 0) recent?.Record(person, collection, gap, now);
        }

        DateTimeOffset? oldest = null;
        foreach (var days in stored)
        {
            foreach (var document in await store.ReadAsync(person, collection, days.First, days.Last, cancellationToken).ConfigureAwait(false))
            {
                data.Add(JsonSerializer.Deserialize(document.Json, collection.ModelTypeInfo)!);
                if (oldest is null || document.FetchedAt < oldest) oldest = document.FetchedAt;
            }
        }

        return new OuraResult<T>
        {
            Data = data, IsComplete = complete, IncompleteReason = reason, PagesFetched = pages, Unreadable = unreadable, RepeatsRemoved = repeats,
            FromHistory = new StoredPart(stored.Sum(d => d.Days), asked.Days, oldest),
        };
    }

    public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken) =>
        oura.GetDocumentAsync(collection, documentId, cancellationToken);

    public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken) => oura.GetPersonalInfoAsync(cancellationToken);

    /// <summary>
    /// The whole local days a list asks for: a day collection's days, or the days a series' instants cover from
    /// midnight to midnight; null for what goes straight to Oura (no days, or not one whole day).
    /// </summary>
    internal static DayInterval? WholeDays(OuraCollection collection, OuraListRequest request)
    {
        if (collection.Range == RangeKind.Dates)
        {
            return collection.DayField is not null && request is { StartDay: { } first, EndDay: { } last } && first <= last ? new DayInterval(first, last) : null;
        }

        if (collection.Range != RangeKind.DateTimes || Instants(request) is not { } range || range.End <= range.Start) return null;
        var (start, end) = range;
        var zone = request.TimeZone;
        var firstDay = LocalDays.Of(start, zone);
        if (LocalDays.Start(firstDay, zone) < start) firstDay = firstDay.AddDays(1);
        var lastDay = LocalDays.Of(end.AddTicks(-1), zone);
        if (LocalDays.Start(lastDay.AddDays(1), zone) > end) lastDay = lastDay.AddDays(-1);
        return firstDay <= lastDay ? new DayInterval(firstDay, lastDay) : null;
    }

    /// <summary>A series' instants before and after its whole days, each asked of Oura on its own.</summary>
    private static IEnumerable<OuraListRequest> PartialDays(OuraCollection collection, OuraListRequest request, DayInterval whole)
    {
        if (collection.Range != RangeKind.DateTimes || Instants(request) is not { } range) yield break;
        var (start, end) = range;
        var (first, last) = (LocalDays.Start(whole.First, request.TimeZone), LocalDays.Start(whole.Last.AddDays(1), request.TimeZone));
        if (start < first) yield return request with { StartDay = null, EndDay = null, Start = start, End = first };
        if (last < end) yield return request with { StartDay = null, EndDay = null, Start = last, End = end };
    }

    private static (DateTimeOffset Start, DateTimeOffset End)? Instants(OuraListRequest request) => request switch
    {
        { Start: { } start, End: { } end } => (start, end),
        { StartDay: { } first, EndDay: { } last } => (LocalDays.Start(first, request.TimeZone), LocalDays.Start(last.AddDays(1), request.TimeZone)),
        _ => null,
    };

    /// <summary>The asked days the store has (<paramref name="covered"/>: merged, in order), and the runs of days it has not, each in order.</summary>
    internal static (IReadOnlyList<DayInterval> Stored, IReadOnlyList<DayInterval> Missing) Split(DayInterval asked, IReadOnlyList<DayInterval> covered)
    {
        var stored = covered.Where(i => i.First <= asked.Last && i.Last >= asked.First)
            .Select(i => new DayInterval(i.First > asked.First ? i.First : asked.First, i.Last < asked.Last ? i.Last : asked.Last))
            .ToList();
        return (stored, DayIntervals.Subtract(asked, covered));
    }

}
