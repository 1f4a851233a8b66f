using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>How finely a time series is answered.</summary>
public enum Resolution
{
    Raw,
    FiveMinutes,
    Hourly,
    Daily,
}

/// <summary>The wire names of <see cref="Resolution"/> and their limits.</summary>
public static class Resolutions
{
    public static readonly IReadOnlyList<string> Names = ["raw", "5min", "hourly", "daily"];

    public static Resolution Parse(string? text, Resolution fallback) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => fallback,
        "raw" => Resolution.Raw,
        "5min" or "5m" => Resolution.FiveMinutes,
        "hourly" or "hour" or "1h" => Resolution.Hourly,
        "daily" or "day" => Resolution.Daily,
        _ => throw new Querying.ToolInputException($"resolution '{Querying.Echo.Short(text)}' is not one of {string.Join(", ", Names)}."),
    };

    /// <summary>Longest range per call: raw samples are dense (about 1,200 heart-rate rows a day), buckets are not.</summary>
    public static TimeSpan MaxRange(Resolution resolution) => resolution switch
    {
        Resolution.Raw or Resolution.FiveMinutes => TimeSpan.FromDays(31),
        Resolution.Hourly => TimeSpan.FromDays(92),
        _ => TimeSpan.FromDays(366),
    };

    /// <summary>
    /// The start of the bucket holding <paramref name="local"/> (a time already in the offset it is told in): a period of
    /// real time. Five-minute and hourly buckets keep the time's own offset, so in the hour clocks go back its two passes
    /// are two buckets; a daily bucket is the whole local day of <paramref name="zone"/>, 23, 24 or 25 hours long.
    /// </summary>
    public static DateTimeOffset BucketStart(DateTimeOffset local, Resolution resolution, TimeZoneInfo zone)
    {
        var wall = local.DateTime;
        return resolution switch
        {
            Resolution.FiveMinutes => new DateTimeOffset(wall.Year, wall.Month, wall.Day, wall.Hour, wall.Minute / 5 * 5, 0, local.Offset),
            Resolution.Hourly => new DateTimeOffset(wall.Year, wall.Month, wall.Day, wall.Hour, 0, 0, local.Offset),
            Resolution.Daily => new DateTimeOffset(wall.Date, zone.GetUtcOffset(wall.Date)),
            _ => local,
        };
    }
}

/// <summary>Minimum, mean, maximum and count of the samples in one bucket.</summary>
public readonly record struct BucketStats(double Min, double Mean, double Max, int Count)
{
    /// <summary>The statistics of a bucket's values (the mean to one decimal); null for a bucket without values.</summary>
    public static BucketStats? Of(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? null : new BucketStats(values.Min(), Numbers.Round(values.Average(), 1), values.Max(), values.Count);
}

/// <summary>One heart-rate sample, or one bucket of them.</summary>
public sealed record HeartRatePoint
{
    [Description("Sample time, local ISO 8601 with offset; or bucket start, local wall-clock time (yyyy-MM-ddTHH:mm, with its offset in the hour clocks go back; yyyy-MM-dd for daily buckets).")]
    public required string Time { get; init; }

    [Description("Heart rate, bpm (raw samples).")]
    public int? Bpm { get; init; }

    [Description("awake, rest, sleep, workout, live or session (raw samples).")]
    public string? Source { get; init; }

    [Description("Lowest bpm in the bucket.")]
    public double? Min { get; init; }

    [Description("Mean bpm in the bucket.")]
    public double? Mean { get; init; }

    [Description("Highest bpm in the bucket.")]
    public double? Max { get; init; }

    [Description("Samples in the bucket.")]
    public int? Count { get; init; }
}

/// <summary>One battery reading, or one bucket of them.</summary>
public sealed record BatteryPoint
{
    [Description("Reading time, local ISO 8601 with offset; or bucket start, local wall-clock time (yyyy-MM-ddTHH:mm, with its offset in the hour clocks go back; yyyy-MM-dd for daily buckets).")]
    public required string Time { get; init; }

    [Description("Battery level, percent (raw readings).")]
    public int? Level { get; init; }

    public bool? Charging { get; init; }

    public bool? InCharger { get; init; }

    [Description("Lowest level in the bucket, percent.")]
    public double? Min { get; init; }

    [Description("Mean level in the bucket, percent.")]
    public double? Mean { get; init; }

    [Description("Highest level in the bucket, percent.")]
    public double? Max { get; init; }

    [Description("Readings in the bucket.")]
    public int? Count { get; init; }
}

/// <summary>A time-series tool described as data.</summary>
public sealed class SeriesView<TSample, TPoint> where TPoint : class
{
    public required string Title { get; init; }

    public required OuraCollection<TSample> Collection { get; init; }

    public required Func<TSample, DateTimeOffset> Time { get; init; }

    public required Func<TSample, double> Value { get; init; }

    public required Func<TSample, string, TPoint> Raw { get; init; }

    public required Func<string, BucketStats, IReadOnlyList<TSample>, TPoint> Bucket { get; init; }
}

/// <summary>The two time series Oura has.</summary>
public static class SeriesViews
{
    public static readonly SeriesView<HeartRateSample, HeartRatePoint> HeartRate = new()
    {
        Title = "Heart rate",
        Collection = OuraCatalog.HeartRate,
        Time = s => s.Timestamp,
        Value = s => s.Bpm,
        Raw = (s, time) => new HeartRatePoint { Time = time, Bpm = s.Bpm, Source = ReadinessViews.Text(s.Source.Value) },
        Bucket = (time, stats, _) => new HeartRatePoint { Time = time, Min = stats.Min, Mean = stats.Mean, Max = stats.Max, Count = stats.Count },
    };

    public static readonly SeriesView<RingBatteryLevel, BatteryPoint> Battery = new()
    {
        Title = "Ring battery",
        Collection = OuraCatalog.RingBatteryLevel,
        Time = s => s.Timestamp,
        Value = s => s.Level,
        Raw = (s, time) => new BatteryPoint { Time = time, Level = s.Level, Charging = s.Charging, InCharger = s.InCharger },
        Bucket = (time, stats, samples) => new BatteryPoint
        {
            Time = time, Min = stats.Min, Mean = stats.Mean, Max = stats.Max, Count = stats.Count,
            Charging = samples.Any(s => s.Charging == true) ? true : null,
        },
    };

    /// <summary>A sample's instant, local with its offset.</summary>
    internal static string FormatTime(DateTimeOffset moment) =>
        moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A bucket's label: the local wall-clock time it starts at. The zone names the offset once for the whole answer, so
    /// rows do not repeat it, except where the wall clock alone is ambiguous: the hour clocks go back happens twice, and
    /// each of its buckets carries its offset (2026-10-25T03:00+03:00, then 2026-10-25T03:00+02:00).
    /// </summary>
    internal static string BucketLabel(DateTimeOffset start, Resolution resolution, TimeZoneInfo zone)
    {
        if (resolution == Resolution.Daily) return start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var format = zone.IsAmbiguousTime(start.DateTime) ? "yyyy-MM-dd'T'HH:mmzzz" : "yyyy-MM-dd'T'HH:mm";
        return start.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }
}
