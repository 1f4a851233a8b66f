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
/// finds those days settled. The answer says how much came from the store and how old it is
/// (<see cref="OuraResult{T}.FromHistory"/>).
/// </summary>
/// <remarks>
/// Only lists of a day collection asked by local days go through the store; instants (heart rate, battery), the latest
/// row, collections without days and single documents go straight to Oura. A fetch is stored with all its members
/// whatever <see cref="OuraListRequest.Fields"/> asked, since the stored copy must serve any later question; and its
/// days become settled only when Oura gave every page and every document could be read, so a gap is asked again.
/// </remarks>
public sealed class HistoryReadThrough(IOuraClient oura, Func<IHistoryStore?> history, string person, TimeProvider time) : IOuraClient
{
    public HistoryReadThrough(IOuraClient oura, IHistoryStore store, string person, TimeProvider time)
        : this(oura, () => store, person, time)
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
        if (history() is not { } store || collection.Range != RangeKind.Dates || collection.DayField is null || request.Latest
            || request.StartDay is not { } start || request.EndDay is not { } end || end < start)
        {
            return await oura.ListAsync(collection, request, cancellationToken).ConfigureAwait(false);
        }

        var asked = new DayInterval(start, end);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), request.TimeZone).DateTime);
        var settled = await store.GetSettledAsync(person, collection, cancellationToken).ConfigureAwait(false);
        var (stored, missing) = Split(asked, settled);

        var data = new List<T>();
        var unreadable = new List<OuraUnreadableDocument>();
        var (complete, reason, pages, repeats) = (true, (string?)null, 0, 0);
        foreach (var gap in missing)
        {
            var fetched = await oura.ListAsync(collection, request with { StartDay = gap.First, EndDay = gap.Last, Fields = null }, cancellationToken)
                .ConfigureAwait(false);
            data.AddRange(fetched.Data);
            unreadable.AddRange(fetched.Unreadable);
            (complete, reason) = fetched.IsComplete ? (complete, reason) : (false, reason ?? fetched.IncompleteReason);
            pages += fetched.PagesFetched;
            repeats += fetched.RepeatsRemoved;
            var lastSettled = Settlement.LastSettledDay(today);
            DayInterval? nowSettled = fetched.IsComplete && fetched.Unreadable.Count == 0 && gap.First <= lastSettled
                ? gap with { Last = gap.Last < lastSettled ? gap.Last : lastSettled }
                : null;
            // Not cancellable: what Oura answered is kept, so the next question does not ask for it again.
            await store.SaveWindowAsync(person, collection, new HistoryWindow(gap.First, gap.Last, ToStored(collection, fetched.Data), nowSettled), CancellationToken.None)
                .ConfigureAwait(false);
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

    /// <summary>The asked days the store has settled, and the runs of days it has not, each in order.</summary>
    internal static (IReadOnlyList<DayInterval> Stored, IReadOnlyList<DayInterval> Missing) Split(DayInterval asked, IReadOnlyList<DayInterval> settled)
    {
        var stored = new List<DayInterval>();
        var missing = new List<DayInterval>();
        var next = asked.First;
        foreach (var interval in settled.OrderBy(i => i.First))
        {
            if (interval.Last < next || interval.First > asked.Last) continue;
            var first = interval.First > next ? interval.First : next;
            var last = interval.Last < asked.Last ? interval.Last : asked.Last;
            if (first > next) missing.Add(new DayInterval(next, first.AddDays(-1)));
            stored.Add(new DayInterval(first, last));
            if (last == DateOnly.MaxValue) return (stored, missing);
            next = last.AddDays(1);
            if (next > asked.Last) return (stored, missing);
        }
        missing.Add(new DayInterval(next, asked.Last));
        return (stored, missing);
    }

    private List<HistoryDocument> ToStored<T>(OuraCollection<T> collection, IReadOnlyList<T> documents) =>
        StoredDocuments.From(collection, documents, TimeZoneInfo.Utc, time.GetUtcNow());
}
