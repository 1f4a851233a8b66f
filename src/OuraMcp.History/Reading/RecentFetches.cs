using System.Collections.Concurrent;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Reading;

/// <summary>
/// Provisional days (today and the two before) fetched from Oura a moment ago, per person and collection: they are in
/// the store as Oura gave them, so a question asked again within <see cref="FreshFor"/> is answered from the store
/// without calling Oura. Older than that, they are asked again, since the ring may have synced since. Kept in memory:
/// it only saves calls, and a restart or another instance merely asks once more.
/// </summary>
public sealed class RecentFetches(TimeSpan freshFor)
{
    /// <summary>How long a provisional day fetched from Oura is served from the store.</summary>
    public static readonly TimeSpan DefaultFreshness = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Person, string Collection), Fetched[]> _fetched = new();

    public TimeSpan FreshFor => freshFor;

    /// <summary>The days of <paramref name="collection"/> fetched for <paramref name="person"/> within the freshness window.</summary>
    public IReadOnlyList<DayInterval> Fresh(string person, OuraCollection collection, DateTimeOffset now) =>
        _fetched.TryGetValue((person, collection.Name), out var fetched)
            ? fetched.Where(f => now - f.At < freshFor).Select(f => f.Days).ToList()
            : [];

    /// <summary>Notes that <paramref name="days"/> were fetched and stored at <paramref name="now"/>, and forgets what went stale.</summary>
    public void Record(string person, OuraCollection collection, DayInterval days, DateTimeOffset now) =>
        _fetched.AddOrUpdate((person, collection.Name),
            _ => [new Fetched(days, now)],
            (_, fetched) => [.. fetched.Where(f => now - f.At < freshFor), new Fetched(days, now)]);

    private readonly record struct Fetched(DayInterval Days, DateTimeOffset At);
}
