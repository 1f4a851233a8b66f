using System.Globalization;

namespace OuraMcp.Server.Querying;

/// <summary>A range of local days, both ends inclusive.</summary>
public readonly record struct DayRange(DateOnly Start, DateOnly End)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Days asked for when the caller gives neither end: the last 7 days ending today.</summary>
    public const int DefaultDays = 7;

    /// <summary>
    /// Days outside this span cannot hold Oura data (the first ring shipped in 2015); refusing them keeps the date
    /// arithmetic (margins, the midnight after the last day) away from DateOnly's own ends.
    /// </summary>
    public static readonly DateOnly FirstPossibleDay = new(2000, 1, 1);

    /// <inheritdoc cref="FirstPossibleDay"/>
    public static readonly DateOnly LastPossibleDay = new(2100, 12, 31);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public IEnumerable<DateOnly> EachDay()
    {
        for (var d = Start; d <= End; d = d.AddDays(1)) yield return d;
    }

    public override string ToString() => $"{Format(Start)}..{Format(End)}";

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Resolves <c>start_date</c>/<c>end_date</c> as the caller sent them: either may be missing (one end alone means
    /// 7 days from or up to it, capped at today), and every mistake becomes a sentence that says what to send.
    /// </summary>
    public static DayRange Resolve(string? startText, string? endText, DateOnly today, int maxDays)
    {
        var start = ParseDay("start_date", startText);
        var end = ParseDay("end_date", endText);
        var range = (start, end) switch
        {
            (null, null) => new DayRange(today.AddDays(-(DefaultDays - 1)), today),
            ({ } s, null) => new DayRange(s, Min(s.AddDays(DefaultDays - 1), Max(s, today))),
            (null, { } e) => new DayRange(e.AddDays(-(DefaultDays - 1)), e),
            ({ } s, { } e) => new DayRange(s, e),
        };
        if (range.End < range.Start)
        {
            throw new ToolInputException(
                $"end_date {Format(range.End)} is before start_date {Format(range.Start)}: send an end_date on or after the start_date.");
        }

        if (range.Days > maxDays)
        {
            var suggestedEnd = range.Start.AddDays(maxDays - 1);
            throw new ToolInputException(
                $"The range {range} covers {range.Days} days; this tool answers at most {maxDays} days per call. " +
                $"Ask in parts, for example start_date={Format(range.Start)} end_date={Format(suggestedEnd)}, then continue from {Format(suggestedEnd.AddDays(1))}.");
        }

        return range;
    }

    /// <summary>Parses one <c>yyyy-MM-dd</c> value; null or empty means "not given".</summary>
    public static DateOnly? ParseDay(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day < FirstPossibleDay || day > LastPossibleDay)
            {
                throw new ToolInputException(
                    $"{parameter} {text} is outside the days Oura data can exist ({Format(FirstPossibleDay)} to {Format(LastPossibleDay)}). Send a day in that span, e.g. 2026-03-05.");
            }

            return day;
        }

        text = Echo.Short(text);

        // Tell an impossible calendar day (2026-02-30) apart from a wrong format: the fix differs.
        var parts = text.Split('-');
        if (parts.Length == 3 && parts[0].Length == 4 && parts[1].Length == 2 && parts[2].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            if (m is >= 1 and <= 12 && y is >= 1 and <= 9999)
            {
                var last = DateTime.DaysInMonth(y, m);
                throw new ToolInputException(
                    $"{parameter} '{text}' is not a real date: {new DateOnly(y, m, 1):MMMM yyyy} has {last} days. Send a date in yyyy-MM-dd form, e.g. {y:D4}-{m:D2}-{last:D2}.");
            }

            throw new ToolInputException($"{parameter} '{text}' is not a real date (month must be 01-12). Send a date in yyyy-MM-dd form, e.g. 2026-03-05.");
        }

        throw new ToolInputException($"{parameter} '{text}' is not a date in yyyy-MM-dd form. Send e.g. 2026-03-05.");
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
