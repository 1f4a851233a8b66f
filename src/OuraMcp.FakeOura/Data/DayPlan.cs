using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>What the person was doing over a stretch of time; decides heart-rate source and activity class.</summary>
internal enum StretchKind
{
    Sleep,
    Workout,
    Session,
    /// <summary>The ring was off the finger (charging, shower): no heart rate.</summary>
    NonWear,
    /// <summary>Winding down before bed.</summary>
    Rest,
}

internal sealed record Stretch(StretchKind Kind, DateTimeOffset Start, DateTimeOffset End, object? Source = null)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

internal sealed record WorkoutPlan(
    string Activity, WorkoutIntensity Intensity, WorkoutSource Source, string? Label,
    DateTimeOffset Start, DateTimeOffset End, double Met, double? MetersPerSecond, int StepsPerMinute);

internal sealed record SessionPlan(SessionType Type, SessionMood? Mood, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Evening habits of a day; they show up as tags and in the following night.</summary>
internal sealed record DayFlags(bool Alcohol, bool LateMeal, bool Sauna, bool LateCaffeine, bool Note);

internal sealed record RestModeSpan(DateOnly Start, DateOnly End);

/// <summary>One local day's schedule between waking and the next bedtime.</summary>
internal sealed class DayPlan
{
    public required DateOnly Day { get; init; }
    public required DayFlags Flags { get; init; }
    public required RestModeSpan? RestMode { get; init; }
    public required Stretch? Charge { get; init; }
    public required IReadOnlyList<WorkoutPlan> Workouts { get; init; }
    public required IReadOnlyList<SessionPlan> Sessions { get; init; }

    /// <summary>Naps, rest periods and deleted periods, in order.</summary>
    public required IReadOnlyList<SleepRecord> ShortSleeps { get; init; }
    public required IReadOnlyList<Stretch> Stretches { get; init; }
}

/// <summary>One activity day (04:00 local to 04:00 the next day), minute by minute.</summary>
internal sealed class ActivityStats
{
    public required DateOnly Day { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required string Class5Min { get; init; }
    public required double?[] Met { get; init; }
    public required int ActiveCalories { get; init; }
    public required int TotalCalories { get; init; }
    public required int Steps { get; init; }
    public required int EquivalentWalkingDistance { get; init; }
    public required int InactivityAlerts { get; init; }
    public required double AverageMet { get; init; }
    public required int SedentaryMetMinutes { get; init; }
    public required int LowMetMinutes { get; init; }
    public required int MediumMetMinutes { get; init; }
    public required int HighMetMinutes { get; init; }
    public required int Workouts { get; init; }

    public int Seconds(char activityClass) => Class5Min.Count(c => c == activityClass) * 300;
}
