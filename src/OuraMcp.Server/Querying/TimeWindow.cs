using System.Globalization;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Querying;

/// <summary>A span of instants for time series (heart rate, battery): start inclusive, end exclusive.</summary>
public readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    /// <summary>
    /// Resolves a time-series range from <c>start_datetime</c>/<c>end_datetime</c> (ISO 8601; a missing offset means
    /// the user's time zone) or from <c>start_date</c>/<c>end_date</c> (whole local days). Neither: the last 24 hours.
    /// </summary>
    public static TimeWindow Resolve(
        string? startDateTime, string? endDateTime, string? startDate, string? endDate,
        DateTimeOffset now, TimeZoneInfo timeZone, TimeSpan max)
    {
        var hasDateTimes = !string.IsNullOrWhiteSpace(startDateTime) || !string.IsNullOrWhiteSpace(endDateTime);
        var hasDates = !string.IsNullOrWhiteSpace(startDate) || !string.IsNullOrWhiteSpace(endDate);
        if (hasDateTimes && hasDates)
        {
            throw new ToolInputException(
                "Send either start_datetime/end_datetime or start_date/end_date, not both.");
        }

        TimeWindow window;
        if (hasDates)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
            // Whole days are counted as days: a month across a clock change is 31 days, not 31 days and an hour.
            var days = DayRange.Resolve(startDate, endDate, today, int.MaxValue);
            if (days.Days > max.TotalDays) throw TooLong($"The range {days} spans {days.Days} days", max);
            // The same day boundaries the client and the history use, so a day read here is the day they store.
            return new TimeWindow(LocalDays.Start(days.Start, timeZone), LocalDays.Start(days.End.AddDays(1), timeZone));
        }
        else
        {
            var start = ParseInstant("start_datetime", startDateTime, timeZone);
            var end = ParseInstant("end_datetime", endDateTime, timeZone);
            window = (start, end) switch
            {
                (null, null) => new TimeWindow(now.AddHours(-24), now),
                ({ } s, null) when s >= now => throw new ToolInputException(
                    $"start_datetime {Format(s)} is in the future (it is now {Format(TimeZoneInfo.ConvertTime(now, timeZone))}), so there is nothing to read yet. Send a start in the past."),
                ({ } s, null) => new TimeWindow(s, Min(s.AddHours(24), now)),
                (null, { } e) => new TimeWindow(e.AddHours(-24), e),
                ({ } s, { } e) => new TimeWindow(s, e),
            };
        }

        if (window.End <= window.Start)
        {
            throw new ToolInputException(
                $"The end ({Format(window.End)}) is not after the start ({Format(window.Start)}): send an end later than the start.");
        }

        if (window.Length > max) throw TooLong($"The range {Format(window.Start)} to {Format(window.End)} spans {window.Length.TotalDays:0.#} days", max);
        return window;
    }

    private static ToolInputException TooLong(string range, TimeSpan max) =>
        new($"{range}; at this resolution the tool answers at most {max.TotalDays:0} days per call. " +
            "Ask for a shorter range, or a coarser resolution (hourly or daily) for long ranges.");

    public static string Format(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseInstant(string parameter, string? text, TimeZoneInfo timeZone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || !text.Contains('T', StringComparison.Ordinal))
        {
            throw new ToolInputException(
                $"{parameter} '{Echo.Short(text)}' is not an ISO 8601 date-time. Send e.g. 2026-03-05T08:00:00+02:00 (a missing offset means the user's time zone).");
        }

        var day = DateOnly.FromDateTime(parsed);
        if (day < DayRange.FirstPossibleDay || day > DayRange.LastPossibleDay)
        {
            throw new ToolInputException(
                $"{parameter} {Echo.Short(text)} is outside the days Oura data can exist ({DayRange.Format(DayRange.FirstPossibleDay)} to {DayRange.Format(DayRange.LastPossibleDay)}). Send an instant in that span.");
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            return new DateTimeOffset(parsed, timeZone.GetUtcOffset(parsed));
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, styles);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
