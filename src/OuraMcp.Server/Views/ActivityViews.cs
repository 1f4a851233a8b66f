using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>One day's activity (Oura's activity day runs from 04:00 to 04:00 local time).</summary>
public sealed record ActivityDay
{
    public required string Day { get; init; }

    [Description("Activity score 1-100.")]
    public int? Score { get; init; }

    public int Steps { get; init; }

    [Description("Active energy, kcal.")]
    public int ActiveCalories { get; init; }

    [Description("Total energy, kcal.")]
    public int TotalCalories { get; init; }

    [Description("Daily active-energy target, kcal.")]
    public int TargetCalories { get; init; }

    [Description("Equivalent walking distance, meters.")]
    public int WalkingDistanceMeters { get; init; }

    [Description("Time in high activity, seconds.")]
    public int HighActivitySeconds { get; init; }

    [Description("Time in medium activity, seconds.")]
    public int MediumActivitySeconds { get; init; }

    [Description("Time in low activity, seconds.")]
    public int LowActivitySeconds { get; init; }

    [Description("Time sedentary, seconds.")]
    public int SedentarySeconds { get; init; }

    [Description("Time the ring was not worn, seconds.")]
    public int NonWearSeconds { get; init; }

    public int InactivityAlerts { get; init; }

    [Description("Contributors to the score, each 1-100.")]
    public IReadOnlyDictionary<string, double>? Contributors { get; init; }
}

/// <summary>One workout.</summary>
public sealed record WorkoutRow
{
    public required string Day { get; init; }

    public required string Id { get; init; }

    [Description("Activity type, e.g. walking, running, cycling.")]
    public string? Activity { get; init; }

    public string? Label { get; init; }

    [Description("easy, moderate or hard.")]
    public string? Intensity { get; init; }

    [Description("manual, autodetected, confirmed or workout_heart_rate.")]
    public string? Source { get; init; }

    [Description("Local start, ISO 8601 to the minute.")]
    public string? Start { get; init; }

    [Description("Local end, ISO 8601 to the minute.")]
    public string? End { get; init; }

    [Description("Duration, seconds.")]
    public int DurationSeconds { get; init; }

    [Description("Energy, kcal.")]
    public double? Calories { get; init; }

    [Description("Distance, meters.")]
    public double? DistanceMeters { get; init; }
}

/// <summary>One guided or unguided session (meditation, breathing, nap, rest, ...).</summary>
public sealed record SessionRow
{
    public required string Day { get; init; }

    public required string Id { get; init; }

    [Description("breathing, meditation, nap, relaxation, rest or body_status.")]
    public string? Type { get; init; }

    [Description("bad, worse, same, good or great.")]
    public string? Mood { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    [Description("Duration, seconds.")]
    public int DurationSeconds { get; init; }

    [Description("Mean heart rate during the session, bpm.")]
    public double? AverageHeartRate { get; init; }

    [Description("Mean heart rate variability during the session, ms.")]
    public double? AverageHrv { get; init; }
}

/// <summary>The activity toolset's views.</summary>
public static class ActivityViews
{
    public static readonly DayView<ActivityDay> Activity = DayView<ActivityDay>.Single(
        "Activity", OuraCatalog.DailyActivity, d => d.Day,
        d => new ActivityDay
        {
            Day = Days.Format(d.Day),
            Score = d.Score,
            Steps = d.Steps,
            ActiveCalories = d.ActiveCalories,
            TotalCalories = d.TotalCalories,
            TargetCalories = d.TargetCalories,
            WalkingDistanceMeters = d.EquivalentWalkingDistance,
            HighActivitySeconds = d.HighActivityTime,
            MediumActivitySeconds = d.MediumActivityTime,
            LowActivitySeconds = d.LowActivityTime,
            SedentarySeconds = d.SedentaryTime,
            NonWearSeconds = d.NonWearTime,
            InactivityAlerts = d.InactivityAlerts,
            Contributors = Contributors.From(d.Contributors),
        },
        r => Days.Parse(r.Day));

    public static readonly DayView<WorkoutRow> Workouts = DayView<WorkoutRow>.Single(
        "Workouts", OuraCatalog.Workout, d => d.Day,
        w =>
        {
            var seconds = Durations.Seconds(w.StartDatetime, w.EndDatetime);
            return new WorkoutRow
            {
                Day = Days.Format(w.Day),
                Id = w.Id,
                Activity = ReadinessViews.Text(w.Activity),
                Label = ReadinessViews.Text(w.Label),
                Intensity = ReadinessViews.Text(w.Intensity.Value),
                Source = ReadinessViews.Text(w.Source.Value),
                Start = Durations.LocalDateTime(w.StartDatetime),
                End = Durations.LocalDateTime(w.EndDatetime),
                DurationSeconds = seconds,
                Calories = ReadinessViews.Round(w.Calories, 0),
                DistanceMeters = ReadinessViews.Round(w.Distance, 0),
            };
        },
        r => Days.Parse(r.Day));

    public static readonly DayView<SessionRow> Sessions = DayView<SessionRow>.Single(
        "Sessions", OuraCatalog.Session, d => d.Day,
        s =>
        {
            var seconds = Durations.Seconds(s.StartDatetime, s.EndDatetime);
            return new SessionRow
            {
                Day = Days.Format(s.Day),
                Id = s.Id,
                Type = ReadinessViews.Text(s.Type.Value),
                Mood = ReadinessViews.Text(s.Mood?.Value),
                Start = Durations.LocalDateTime(s.StartDatetime),
                End = Durations.LocalDateTime(s.EndDatetime),
                DurationSeconds = seconds,
                AverageHeartRate = Mean(s.HeartRate),
                AverageHrv = Mean(s.HeartRateVariability),
            };
        },
        r => Days.Parse(r.Day));

    /// <summary>The mean of a sample's recorded items, ignoring gaps; null when nothing was recorded.</summary>
    internal static double? Mean(Sample? sample)
    {
        var values = sample?.Items.Where(v => v is not null).Select(v => v!.Value).ToList();
        return values is { Count: > 0 } ? Numbers.Round(values.Average(), 1) : null;
    }
}
