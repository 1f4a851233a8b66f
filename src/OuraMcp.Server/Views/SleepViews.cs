using System.ComponentModel;
using System.Globalization;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>One night: the day's sleep score and the main sleep period, with naps on request.</summary>
public sealed record SleepNight
{
    public required string Day { get; init; }

    [Description("Sleep score 1-100.")]
    public int? Score { get; init; }

    [Description("Contributors to the sleep score, each 1-100.")]
    public IReadOnlyDictionary<string, double>? Contributors { get; init; }

    [Description("The main sleep period: long_sleep when there is one.")]
    public SleepPeriodSummary? Main { get; init; }

    [Description("Other sleep periods of the day (naps, rests), with include_naps=true.")]
    public IReadOnlyList<SleepPeriodBrief>? Naps { get; init; }

    [Description("How many other sleep periods the day has, when include_naps is false.")]
    public int? OtherPeriods { get; init; }
}

/// <summary>A sleep period in compact form. Durations in seconds (h:mm in the text twin); times local to where the person slept.</summary>
public sealed record SleepPeriodSummary
{
    [Description("long_sleep, sleep, late_nap or rest.")]
    public string? Type { get; init; }

    [Description("Went to bed, local HH:mm.")]
    public string? Bedtime { get; init; }

    [Description("Got up, local HH:mm.")]
    public string? WakeTime { get; init; }

    [Description("Total sleep, seconds.")]
    public int? TotalSleepSeconds { get; init; }

    [Description("Time in bed, seconds.")]
    public int TimeInBedSeconds { get; init; }

    [Description("Sleep efficiency, percent.")]
    public int? Efficiency { get; init; }

    [Description("Time to fall asleep, seconds.")]
    public int? LatencySeconds { get; init; }

    [Description("Deep sleep, seconds.")]
    public int? DeepSleepSeconds { get; init; }

    [Description("REM sleep, seconds.")]
    public int? RemSleepSeconds { get; init; }

    [Description("Light sleep, seconds.")]
    public int? LightSleepSeconds { get; init; }

    [Description("Time awake in bed, seconds.")]
    public int? AwakeSeconds { get; init; }

    [Description("Lowest heart rate, bpm.")]
    public int? LowestHeartRate { get; init; }

    [Description("Average heart rate, bpm.")]
    public double? AverageHeartRate { get; init; }

    [Description("Average heart rate variability (RMSSD), ms.")]
    public int? AverageHrv { get; init; }

    [Description("Average breathing rate, breaths per minute.")]
    public double? AverageBreath { get; init; }
}

/// <summary>A nap or rest period, briefly.</summary>
public sealed record SleepPeriodBrief
{
    public string? Type { get; init; }

    [Description("Local HH:mm.")]
    public string? Bedtime { get; init; }

    [Description("Local HH:mm.")]
    public string? WakeTime { get; init; }

    [Description("Total sleep, seconds.")]
    public int? TotalSleepSeconds { get; init; }
}

/// <summary>Oura's bedtime guidance for one day.</summary>
public sealed record SleepTimeDay
{
    public required string Day { get; init; }

    [Description("e.g. follow_optimal_bedtime, earlier_bedtime, later_bedtime, improve_efficiency.")]
    public string? Recommendation { get; init; }

    [Description("e.g. optimal_found, not_enough_nights, bad_sleep_quality.")]
    public string? Status { get; init; }

    [Description("Start of the optimal bedtime window, local HH:mm.")]
    public string? OptimalBedtimeStart { get; init; }

    [Description("End of the optimal bedtime window, local HH:mm.")]
    public string? OptimalBedtimeEnd { get; init; }
}

/// <summary>The sleep toolset's views.</summary>
public static class SleepViews
{
    private static readonly DaySource<DailySleep> DailySleepSource = new(OuraCatalog.DailySleep, d => d.Day);
    internal static readonly DaySource<SleepPeriod> PeriodSource = new(OuraCatalog.Sleep, d => d.Day);

    /// <summary>Nights: the daily score joined with the day's main period; <c>fields</c> projects sleep periods.</summary>
    public static DayView<SleepNight> Nights(bool includeNaps) => new()
    {
        Title = "Sleep",
        Sources = [DailySleepSource, PeriodSource],
        FieldsSource = PeriodSource,
        Rows = set => Rows(set, includeNaps),
        DayOf = n => Days.Parse(n.Day),
    };

    public static readonly DayView<SleepTimeDay> SleepTime = DayView<SleepTimeDay>.Single(
        "Bedtime guidance", OuraCatalog.SleepTime, d => d.Day,
        s => new SleepTimeDay
        {
            Day = Days.Format(s.Day),
            Recommendation = ReadinessViews.Text(s.Recommendation?.Value),
            Status = ReadinessViews.Text(s.Status?.Value),
            OptimalBedtimeStart = s.OptimalBedtime is { } w ? ClockTime(w.StartOffset) : null,
            OptimalBedtimeEnd = s.OptimalBedtime is { } x ? ClockTime(x.EndOffset) : null,
        },
        r => Days.Parse(r.Day));

    private static IEnumerable<SleepNight> Rows(FetchedSet set, bool includeNaps)
    {
        var scores = set.Of(OuraCatalog.DailySleep).GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Last());
        var periods = PeriodsByDay(set);
        foreach (var day in scores.Keys.Union(periods.Keys).Order())
        {
            scores.TryGetValue(day, out var score);
            var dayPeriods = periods.GetValueOrDefault(day) ?? [];
            var main = MainPeriod(dayPeriods);
            var others = dayPeriods.Where(p => !ReferenceEquals(p, main)).OrderBy(p => p.BedtimeStart).ToList();
            yield return new SleepNight
            {
                Day = Days.Format(day),
                Score = score?.Score,
                Contributors = Contributors.From(score?.Contributors),
                Main = main is null ? null : Summary(main),
                Naps = includeNaps && others.Count > 0 ? others.Select(Brief).ToList() : null,
                OtherPeriods = !includeNaps && others.Count > 0 ? others.Count : null,
            };
        }
    }

    /// <summary>Each day's sleep periods; <c>deleted</c> ones are not sleep.</summary>
    internal static Dictionary<DateOnly, List<SleepPeriod>> PeriodsByDay(FetchedSet set) =>
        set.Of(OuraCatalog.Sleep)
            .Where(p => p.Type is not { } t || !t.Is(SleepType.Deleted))
            .GroupBy(p => p.Day)
            .ToDictionary(g => g.Key, g => g.ToList());

    /// <summary>A day's main sleep: its long_sleep, else its longest period.</summary>
    internal static SleepPeriod? MainPeriod(IEnumerable<SleepPeriod> dayPeriods) =>
        dayPeriods
            .OrderByDescending(p => p.Type is { } t && t.Is(SleepType.LongSleep))
            .ThenByDescending(p => p.TotalSleepDuration ?? 0)
            .FirstOrDefault();

    private static SleepPeriodSummary Summary(SleepPeriod p) => new()
    {
        Type = ReadinessViews.Text(p.Type?.Value),
        Bedtime = Durations.LocalTime(p.BedtimeStart),
        WakeTime = Durations.LocalTime(p.BedtimeEnd),
        TotalSleepSeconds = p.TotalSleepDuration,
        TimeInBedSeconds = p.TimeInBed,
        Efficiency = p.Efficiency,
        LatencySeconds = p.Latency,
        DeepSleepSeconds = p.DeepSleepDuration,
        RemSleepSeconds = p.RemSleepDuration,
        LightSleepSeconds = p.LightSleepDuration,
        AwakeSeconds = p.AwakeTime,
        LowestHeartRate = p.LowestHeartRate,
        AverageHeartRate = ReadinessViews.Round(p.AverageHeartRate, 1),
        AverageHrv = p.AverageHrv,
        AverageBreath = ReadinessViews.Round(p.AverageBreath, 1),
    };

    private static SleepPeriodBrief Brief(SleepPeriod p) => new()
    {
        Type = ReadinessViews.Text(p.Type?.Value),
        Bedtime = Durations.LocalTime(p.BedtimeStart),
        WakeTime = Durations.LocalTime(p.BedtimeEnd),
        TotalSleepSeconds = p.TotalSleepDuration,
    };

    /// <summary>Oura gives bedtime windows as seconds from local midnight, negative for the evening before.</summary>
    internal static string ClockTime(int offsetSeconds)
    {
        var minutes = ((offsetSeconds / 60) % 1440 + 1440) % 1440;
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
    }
}
