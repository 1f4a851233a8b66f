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
        _ => throw new Querying.ToolInputException($"resolution '{text}' is not one of {string.Join(", ", Names)}."),
    };

    /// <summary>Longest range per call: raw samples are dense (about 1,200 heart-rate rows a day), buckets are not.</summary>
    public static TimeSpan MaxRange(Resolution resolution) => resolution switch
    {
        Resolution.Raw or Resolution.FiveMinutes => TimeSpan.FromDays(31),
        Resolution.Hourly => TimeSpan.FromDays(92),
        _ => TimeSpan.FromDays(366),
    };

    /// <summary>The local wall-clock start of the bucket holding <paramref name="local"/>.</summary>
    public static DateTime Floor(DateTime local, Resolution resolution) => resolution switch
    {
        Resolution.FiveMinutes => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute / 5 * 5, 0),
        Resolution.Hourly => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0),
        Resolution.Daily => local.Date,
        _ => local,
    };
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
    [Description("Sample time, local ISO 8601 with offset; or bucket start, local wall-clock time (yyyy-MM-ddTHH:mm, yyyy-MM-dd for daily buckets).")]
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
    [Description("Reading time, local ISO 8601 with offset; or bucket start, local wall-clock time (yyyy-MM-ddTHH:mm, yyyy-MM-dd for daily buckets).")]
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
    /// A bucket's label: the local wall-clock time it starts at, without an offset. Buckets are periods of local
    /// wall-clock time (<see cref="Resolutions.Floor"/>; in the hour clocks go back, both passes share one bucket), so the
    /// zone names the offset once for the whole answer rather than each row repeating it.
    /// </summary>
    internal static string BucketLabel(DateTime localStart, Resolution resolution) =>
        localStart.ToString(resolution == Resolution.Daily ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
