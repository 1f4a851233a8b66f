using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Analytics;

/// <summary>
/// Where the analytics read their data: a daily metric's values over a range of local days, and the days a tag was
/// used. Read from Oura through the client today; a history store can serve the same calls.
/// </summary>
public interface IDailyMetricSource
{
    /// <summary>The person's metric on each day of <paramref name="range"/> that has one; days without a value are left out.</summary>
    Task<DailySeries> ReadAsync(Person person, DailyMetric metric, DayRange range, CancellationToken cancellationToken);

    /// <summary>The days of <paramref name="range"/> on which the person used a tag matching <paramref name="tag"/>.</summary>
    Task<TagDays> ReadTagAsync(Person person, string tag, DayRange range, CancellationToken cancellationToken);
}

/// <summary>
/// One daily metric over a range: a value for each day that has one. A day without a value is missing, never zero.
/// <c>Complete</c> says whether every page was read; when not, <c>IncompleteReason</c> says why.
/// </summary>
public sealed record DailySeries(DailyMetric Metric, DayRange Range, IReadOnlyDictionary<DateOnly, double> Values, bool Complete = true, string? IncompleteReason = null)
{
    /// <summary>Days of the range with a value.</summary>
    public int DaysWithValue => Values.Keys.Count(d => d >= Range.Start && d <= Range.End);

    /// <summary>Days of the range without a value.</summary>
    public int MissingDays => Range.Days - DaysWithValue;

    public double? On(DateOnly day) => Values.TryGetValue(day, out var value) ? value : null;

    /// <summary>The values of the days in <paramref name="range"/>, oldest first.</summary>
    public IEnumerable<(DateOnly Day, double Value)> In(DayRange range) =>
        range.EachDay().Where(Values.ContainsKey).Select(d => (d, Values[d]));
}

/// <summary>The days a tag was used, and which of the person's tag names matched it.</summary>
/// <param name="Days">Days with at least one matching tag.</param>
/// <param name="Matched">The tag names (as get_tags gives them) that matched.</param>
/// <param name="Seen">Every tag name used in the range, to suggest when nothing matched.</param>
/// <param name="Complete">Whether every page was read.</param>
/// <param name="IncompleteReason">Why not, when not.</param>
public sealed record TagDays(IReadOnlySet<DateOnly> Days, IReadOnlyList<string> Matched, IReadOnlyList<string> Seen, bool Complete = true, string? IncompleteReason = null);
