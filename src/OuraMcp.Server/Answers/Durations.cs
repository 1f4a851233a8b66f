using System.Globalization;

namespace OuraMcp.Server.Answers;

/// <summary>How durations and local times are written in answers: seconds for arithmetic, h:mm for reading.</summary>
public static class Durations
{
    /// <summary>7:05 for 25500 seconds; null stays null.</summary>
    public static string? HoursMinutes(int? seconds) =>
        seconds is not { } s ? null : $"{s / 3600}:{(s % 3600 / 60).ToString("00", CultureInfo.InvariantCulture)}";

    public static string? HoursMinutes(double? seconds) => HoursMinutes(seconds is { } s ? (int)Numbers.Round(s) : null);

    /// <summary>The wall-clock time where the moment happened (its own offset), as HH:mm.</summary>
    public static string LocalTime(DateTimeOffset moment) => moment.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 to the minute with offset: 2026-03-05T07:30+02:00.</summary>
    public static string LocalDateTime(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    public static int Seconds(DateTimeOffset start, DateTimeOffset end) => (int)Numbers.Round((end - start).TotalSeconds);
}
