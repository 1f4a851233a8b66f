using OuraMcp.History.Reading;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Completion;

/// <summary>
/// Local days to offer for a date: the days the person's history holds data for, then their other recent days, each
/// most recent first.
/// </summary>
public static class DayCandidates
{
    /// <summary>How far back recent dates are offered: a year covers every range the tools and resources read.</summary>
    public const int DaysBack = 366;

    /// <summary>The collections of a whole day (<c>oura://day/{date}</c>, a prompt's dates): what "a day with data" means when no collection is named.</summary>
    public static IReadOnlyList<OuraCollection> Daily { get; } = [.. SummaryView.Daily.Sources.Select(s => s.Collection)];

    /// <summary>
    /// The days with stored data of any of <paramref name="collections"/> (none without a history), then today and the
    /// days before it.
    /// </summary>
    public static async Task<IEnumerable<string>> WithDataAsync(
        Person person, IReadOnlyCollection<OuraCollection> collections, DateOnly today, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(person, collections, cancellationToken).ConfigureAwait(false);
        return stored.Select(DayRange.Format).Concat(Recent(today));
    }

    /// <summary>
    /// The days from <paramref name="first"/> to <paramref name="last"/>: those with stored data of any of
    /// <paramref name="collections"/> first, then the others, each most recent first.
    /// </summary>
    public static async Task<IEnumerable<string>> WithDataAsync(
        Person person, IReadOnlyCollection<OuraCollection> collections, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(person, collections, cancellationToken).ConfigureAwait(false);
        return stored.Where(d => d >= first && d <= last).Select(DayRange.Format).Concat(Between(first, last));
    }

    /// <summary>A date the client already chose for another argument, or null when none or not a date.</summary>
    public static DateOnly? Known(IDictionary<string, string>? known, string argument)
    {
        try
        {
            return known is not null && known.TryGetValue(argument, out var text) ? DayRange.ParseDay(argument, text) : null;
        }
        catch (ToolInputException)
        {
            return null;
        }
    }

    /// <summary>Today and the days before it, most recent first.</summary>
    public static IEnumerable<string> Recent(DateOnly today) => Between(today.AddDays(-(DaysBack - 1)), today);

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, most recent first.</summary>
    public static IEnumerable<string> Between(DateOnly first, DateOnly last)
    {
        for (var day = last; day >= first; day = day.AddDays(-1)) yield return DayRange.Format(day);
    }

    private static async Task<IEnumerable<DateOnly>> StoredAsync(Person person, IReadOnlyCollection<OuraCollection> collections, CancellationToken cancellationToken)
    {
        if (person.Oura is not HistoryReadThrough { Store: { } store } history) return [];
        try
        {
            var days = await Task.WhenAll(collections.Select(c => store.DaysWithDataAsync(history.Person, c, cancellationToken))).ConfigureAwait(false);
            return days.SelectMany(d => d).Distinct().OrderDescending();
        }
        catch (HistoryStoreException)
        {
            // A hint while typing: a history that cannot be read now leaves the recent days.
            return [];
        }
    }
}
