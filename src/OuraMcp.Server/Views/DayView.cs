using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Views;

/// <summary>
/// A day tool described as data: which collections it reads, how their documents become compact rows, and which
/// collection <c>fields</c> projects. The one runner serves every day tool from this.
/// </summary>
public sealed class DayView<TRow> where TRow : class
{
    public required string Title { get; init; }

    public required IReadOnlyList<DaySource> Sources { get; init; }

    /// <summary>The collection <c>fields</c> projects; null when the tool offers no projection.</summary>
    public DaySource? FieldsSource { get; init; }

    public required Func<FetchedSet, IEnumerable<TRow>> Rows { get; init; }

    public required Func<TRow, DateOnly> DayOf { get; init; }

    /// <summary>Longest range one call may ask for.</summary>
    public int MaxDays { get; init; } = 366;

    /// <summary>A tool over one collection whose documents each become one row.</summary>
    public static DayView<TRow> Single<T>(string title, OuraCollection<T> collection, Func<T, DateOnly> day, Func<T, TRow> row, Func<TRow, DateOnly> dayOf)
        where T : notnull
    {
        var source = new DaySource<T>(collection, day);
        return new DayView<TRow>
        {
            Title = title,
            Sources = [source],
            FieldsSource = source,
            Rows = set => set.Of(collection).Select(row),
            DayOf = dayOf,
        };
    }
}
