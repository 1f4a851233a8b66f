using System.ComponentModel;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Views;

/// <summary>One 5-minute step of a sleep period, or one bucket of them.</summary>
public sealed record SleepSeriesPoint
{
    [Description("The night (yyyy-MM-dd, the morning the person woke up).")]
    public required string Day { get; init; }

    [Description("The sleep period's type (long_sleep, sleep, late_nap, rest), with include_naps=true.")]
    public string? Period { get; init; }

    [Description("Step time, local ISO 8601 with offset (raw); bucket start, local wall-clock time yyyy-MM-ddTHH:mm, with its offset in the hour clocks go back (5min, hourly); bedtime (daily: one row per sleep period).")]
    public required string Time { get; init; }

    [Description("Heart rate, bpm (raw).")]
    public double? HeartRate { get; init; }

    [Description("Heart rate variability (RMSSD), ms (raw).")]
    public double? Hrv { get; init; }

    [Description("Sleep stage: deep, light, rem or awake (raw).")]
    public string? Stage { get; init; }

    [Description("Lowest heart rate in the bucket, bpm.")]
    public double? HeartRateMin { get; init; }

    [Description("Mean heart rate in the bucket, bpm.")]
    public double? HeartRateMean { get; init; }

    [Description("Highest heart rate in the bucket, bpm.")]
    public double? HeartRateMax { get; init; }

    [Description("Heart-rate samples in the bucket.")]
    public int? Count { get; init; }

    [Description("Lowest HRV in the bucket, ms.")]
    public double? HrvMin { get; init; }

    [Description("Mean HRV in the bucket, ms.")]
    public double? HrvMean { get; init; }

    [Description("Highest HRV in the bucket, ms.")]
    public double? HrvMax { get; init; }

    [Description("Time in deep sleep in the bucket, seconds.")]
    public int? DeepSeconds { get; init; }

    [Description("Time in light sleep in the bucket, seconds.")]
    public int? LightSeconds { get; init; }

    [Description("Time in REM sleep in the bucket, seconds.")]
    public int? RemSeconds { get; init; }

    [Description("Time awake in the bucket, seconds.")]
    public int? AwakeSeconds { get; init; }
}

/// <summary>
/// The time series inside Oura's sleep documents (heart rate and HRV samples, the 5-minute hypnogram) as rows: one per
/// 5-minute step, or buckets of local wall-clock time, or one per sleep period.
/// </summary>
public static class SleepSeriesViews
{
    /// <summary>Oura's hypnogram letters: 1 deep, 2 light, 3 REM, 4 awake.</summary>
    private static readonly string?[] Stages = [null, "deep", "light", "rem", "awake"];

    private const int StepSeconds = 300;

    /// <param name="resolution">Raw steps, or buckets of them.</param>
    /// <param name="includeNaps">Every sleep period, or only each night's main one.</param>
    /// <param name="zone">The person's time zone: a night spent there is told in its wall clock, which may change during the night.</param>
    public static DayView<SleepSeriesPoint> Series(Resolution resolution, bool includeNaps, TimeZoneInfo zone) => new()
    {
        Title = $"Sleep series ({Resolutions.Names[(int)resolution]})",
        Sources = [SleepViews.PeriodSource],
        Rows = set => Rows(set, resolution, includeNaps, zone),
        DayOf = p => Days.Parse(p.Day),
        // Raw steps are dense (about 100 a night); buckets are not.
        MaxDays = (int)Resolutions.MaxRange(resolution).TotalDays,
    };

    private static IEnumerable<SleepSeriesPoint> Rows(FetchedSet set, Resolution resolution, bool includeNaps, TimeZoneInfo zone)
    {
        foreach (var (day, dayPeriods) in SleepViews.PeriodsByDay(set).OrderBy(d => d.Key))
        {
            IEnumerable<SleepPeriod> periods = includeNaps
                ? dayPeriods.OrderBy(p => p.BedtimeStart)
                : SleepViews.MainPeriod(dayPeriods) is { } main ? [main] : [];
            foreach (var period in periods)
            {
                var type = includeNaps ? ReadinessViews.Text(period.Type?.Value) : null;
                var steps = Steps(period, zone).ToList();
                if (resolution == Resolution.Raw)
                {
                    foreach (var step in steps)
                    {
                        yield return new SleepSeriesPoint
                        {
                            Day = Days.Format(day), Period = type, Time = SeriesViews.FormatTime(step.At),
                            HeartRate = step.HeartRate, Hrv = step.Hrv, Stage = step.Stage,
                        };
                    }

                    continue;
                }

                if (steps.Count == 0) continue;
                IEnumerable<(DateTimeOffset Start, List<Step> Steps)> buckets = resolution == Resolution.Daily
                    ? [(period.BedtimeStart, steps)]
                    : steps.GroupBy(s => Resolutions.BucketStart(s.At, resolution, zone)).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList()));
                foreach (var (bucketStart, bucketSteps) in buckets)
                {
                    // Labelled to the minute at every resolution: a daily row here is a sleep period, starting at bedtime.
                    yield return Bucket(Days.Format(day), type, SeriesViews.BucketLabel(bucketStart, Resolution.Hourly, zone), bucketSteps);
                }
            }
        }
    }

    private sealed record Step(DateTimeOffset At, double? HeartRate, double? Hrv, string? Stage);

    /// <summary>
    /// The period's 5-minute steps, from bedtime: the hypnogram's letters and the samples that fall in each step, in
    /// the wall-clock time of where the person slept. Samples are matched to steps by their own timestamps and
    /// intervals, since Oura does not promise that they start exactly at bedtime. A night begun in the person's zone
    /// follows its clock (the night clocks go back has a repeated hour); one begun elsewhere keeps bedtime's offset.
    /// </summary>
    private static IEnumerable<Step> Steps(SleepPeriod period, TimeZoneInfo zone)
    {
        var start = period.BedtimeStart;
        var home = zone.GetUtcOffset(start) == start.Offset;
        var heart = SamplesByStep(period.HeartRate, start);
        var hrv = SamplesByStep(period.Hrv, start);
        var phases = period.SleepPhase5Min ?? "";
        var count = Math.Max(phases.Length, Math.Max(heart.Count == 0 ? 0 : heart.Keys.Max() + 1, hrv.Count == 0 ? 0 : hrv.Keys.Max() + 1));
        for (var i = 0; i < count; i++)
        {
            var stage = i < phases.Length && phases[i] is >= '1' and <= '4' ? Stages[phases[i] - '0'] : null;
            var at = start.AddSeconds(i * StepSeconds);
            var step = new Step(home ? TimeZoneInfo.ConvertTime(at, zone) : at, heart.GetValueOrDefault(i), hrv.GetValueOrDefault(i), stage);
            if (step.HeartRate is not null || step.Hrv is not null || step.Stage is not null) yield return step;
        }
    }

    private static Dictionary<int, double?> SamplesByStep(Sample? sample, DateTimeOffset start)
    {
        var byStep = new Dictionary<int, double?>();
        if (sample is null || sample.Interval <= 0) return byStep;
        for (var i = 0; i < sample.Items.Count; i++)
        {
            if (sample.Items[i] is not { } value) continue;
            var step = (int)Math.Floor((sample.Timestamp.AddSeconds(i * sample.Interval) - start).TotalSeconds / StepSeconds);
            if (step >= 0) byStep[step] = value;
        }

        return byStep;
    }

    private static SleepSeriesPoint Bucket(string day, string? type, string time, IReadOnlyList<Step> steps)
    {
        var heart = BucketStats.Of(steps.Where(s => s.HeartRate is not null).Select(s => s.HeartRate!.Value).ToList());
        var hrv = BucketStats.Of(steps.Where(s => s.Hrv is not null).Select(s => s.Hrv!.Value).ToList());
        int? Seconds(string stage) => steps.Count(s => s.Stage == stage) is var n && n > 0 ? n * StepSeconds : null;
        return new SleepSeriesPoint
        {
            Day = day, Period = type, Time = time,
            HeartRateMin = heart?.Min, HeartRateMean = heart?.Mean, HeartRateMax = heart?.Max, Count = heart?.Count,
            HrvMin = hrv?.Min, HrvMean = hrv?.Mean, HrvMax = hrv?.Max,
            DeepSeconds = Seconds("deep"), LightSeconds = Seconds("light"), RemSeconds = Seconds("rem"), AwakeSeconds = Seconds("awake"),
        };
    }
}
