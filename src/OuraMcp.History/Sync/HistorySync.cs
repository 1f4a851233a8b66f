using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;

namespace OuraMcp.History.Sync;

/// <summary>What to sync: whose history, in which time zone, from which day, and which collections (null: all).</summary>
public sealed record HistorySyncRequest(string Person, TimeZoneInfo TimeZone)
{
    /// <summary>The first local day to keep; null: the day the person's first ring was set up.</summary>
    public DateOnly? Since { get; init; }

    public IReadOnlyList<OuraCollection>? Collections { get; init; }
}

/// <summary>
/// Fills a person's history from Oura: every day since the first, in windows, each stored with the days it settled in
/// one transaction. What is settled is never fetched again, so an interrupted sync resumes where it stopped and a
/// later sync fetches only the provisional days and the days that passed since. Requests go through the client's
/// pipeline and its rate budget; when the budget runs out the sync waits for it instead of failing.
/// </summary>
public sealed class HistorySync(IOuraClient client, IHistoryStore store, TimeProvider time)
{
    /// <summary>Days per request of a day collection: a few pages each, and little to fetch again after an interruption.</summary>
    public const int DayWindow = 90;

    /// <summary>Days per request of a time series (heart rate: about 300 rows a day, 1,000 a page).</summary>
    public const int SeriesWindow = 10;

    /// <summary>Without a ring to date the account by, how far back a sync looks.</summary>
    public const int FallbackHistoryDays = 5 * 366;

    /// <summary>How often one window waits for the rate budget before the sync gives up.</summary>
    private const int RateLimitWaits = 10;

    public async Task<HistorySyncReport> RunAsync(HistorySyncRequest request, IProgress<HistorySyncProgress>? progress, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), request.TimeZone).DateTime);
        var first = request.Since ?? await FirstDayAsync(request.TimeZone, today, cancellationToken).ConfigureAwait(false);
        var collections = request.Collections ?? OuraCatalog.All;

        var plans = new List<(OuraCollection Collection, IReadOnlyList<DayInterval?> Windows)>();
        foreach (var collection in collections)
            plans.Add((collection, await PlanAsync(request.Person, collection, new DayInterval(first, today), cancellationToken).ConfigureAwait(false)));

        var total = plans.Sum(p => p.Windows.Count);
        var done = 0;
        var results = new List<CollectionSyncResult>();
        foreach (var (collection, windows) in plans)
        {
            int documents = 0, calls = 0;
            string? skipped = null;
            for (var index = 0; index < windows.Count; index++)
            {
                var window = windows[index];
                try
                {
                    var fetched = await FetchAsync(collection, window, request.TimeZone, cancellationToken).ConfigureAwait(false);
                    DayInterval? settled = window is { } days && days.First <= Settlement.LastSettledDay(today)
                        ? days with { Last = days.Last < Settlement.LastSettledDay(today) ? days.Last : Settlement.LastSettledDay(today) }
                        : null;
                    // Not cancellable: what Oura answered is kept, so a resumed sync never asks for it again.
                    await store.SaveWindowAsync(request.Person, collection, new HistoryWindow(window?.First, window?.Last, fetched.Documents, settled), CancellationToken.None)
                        .ConfigureAwait(false);
                    documents += fetched.Documents.Count;
                    calls += fetched.Pages;
                    progress?.Report(new HistorySyncProgress(collection.Name, ++done, total, fetched.Documents.Count, fetched.Pages));
                }
                catch (OuraForbiddenException e)
                {
                    // A scope the person did not grant: the other collections are still worth keeping.
                    skipped = e.Message;
                    done += windows.Count - index;
                    progress?.Report(new HistorySyncProgress(collection.Name, done, total, 0, 0, skipped));
                    break;
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
            results.Add(new CollectionSyncResult(collection.Name, windows.Count, documents, calls, skipped));
        }
        return new HistorySyncReport(first, today, results);
    }

    /// <summary>The windows still to fetch: the days not yet settled, cut to size; one window without days for a collection that has none.</summary>
    private async Task<IReadOnlyList<DayInterval?>> PlanAsync(string person, OuraCollection collection, DayInterval range, CancellationToken cancellationToken)
    {
        if (collection.Range == RangeKind.None) return [null];
        var settled = await store.GetSettledAsync(person, collection, cancellationToken).ConfigureAwait(false);
        var size = collection.Range == RangeKind.DateTimes ? SeriesWindow : DayWindow;
        return DayIntervals.Subtract(range, settled).SelectMany(gap => DayIntervals.Chunk(gap, size)).Select(w => (DayInterval?)w).ToList();
    }

    private async Task<FetchedWindow> FetchAsync(OuraCollection collection, DayInterval? window, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        for (var waits = 0; ; waits++)
        {
            try
            {
                return await collection.Accept(new WindowFetch(client, window, zone, time.GetUtcNow(), cancellationToken)).ConfigureAwait(false);
            }
            catch (OuraRateLimitedException e) when (waits < RateLimitWaits)
            {
                // The budget is shared with the tools: wait for it to refill rather than give up a long backfill.
                await Task.Delay(e.RetryAfter > TimeSpan.Zero ? e.RetryAfter : TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The local day the person's first ring was set up, which no data predates.</summary>
    private async Task<DateOnly> FirstDayAsync(TimeZoneInfo zone, DateOnly today, CancellationToken cancellationToken)
    {
        var rings = await client.ListAsync(OuraCatalog.RingConfiguration, new OuraListRequest { TimeZone = zone }, cancellationToken).ConfigureAwait(false);
        var setUp = rings.Data.Where(r => r.SetUpAt is not null).Select(r => r.SetUpAt!.Value).DefaultIfEmpty().Min();
        return setUp == default
            ? today.AddDays(-FallbackHistoryDays)
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(setUp, zone).DateTime);
    }
}
