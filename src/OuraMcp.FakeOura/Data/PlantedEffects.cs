namespace OuraMcp.FakeOura.Data;

/// <summary>
/// Effects planted in a synthetic person on request, of a known sign and size, so analytics can be checked against
/// the truth. <see cref="None"/> (the default) leaves every document exactly as without it: each effect is added
/// after the person's random draws, which never depend on it.
/// </summary>
public sealed record PlantedEffects
{
    public static PlantedEffects None { get; } = new();

    /// <summary>Milliseconds added to the HRV of the night after a late meal (negative lowers it).</summary>
    public double LateMealHrvMs { get; init; }

    /// <summary>The chance of a late meal on any evening; null keeps the person's usual 4%.</summary>
    public double? LateMealChance { get; init; }

    /// <summary>Steps added per week since the person's first day (a linear trend).</summary>
    public double StepsPerWeek { get; init; }

    /// <summary>Readiness points added <see cref="HardWorkoutLagDays"/> days after a day with a hard workout (negative lowers it).</summary>
    public int HardWorkoutReadiness { get; init; }

    /// <summary>Days from a hard workout to the readiness it changes, 1-7.</summary>
    public int HardWorkoutLagDays { get; init; } = 2;
}
