using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>One day's stress.</summary>
public sealed record StressDay
{
    public required string Day { get; init; }

    [Description("restored, normal or stressful.")]
    public string? Summary { get; init; }

    [Description("Time in the high-stress zone, seconds.")]
    public int? StressHighSeconds { get; init; }

    [Description("Time in the high-recovery zone, seconds.")]
    public int? RecoveryHighSeconds { get; init; }
}

/// <summary>One day's cardiovascular age estimate.</summary>
public sealed record CardiovascularAgeDay
{
    public required string Day { get; init; }

    [Description("Predicted vascular age, years.")]
    public int? VascularAge { get; init; }

    [Description("Pulse wave velocity, m/s.")]
    public double? PulseWaveVelocity { get; init; }
}

/// <summary>One VO2 max estimate.</summary>
public sealed record Vo2MaxDay
{
    public required string Day { get; init; }

    [Description("VO2 max, ml/kg/min.")]
    public int Vo2Max { get; init; }
}

/// <summary>The heart toolset's day views (heart rate itself is a time series, see <see cref="SeriesViews"/>).</summary>
public static class HeartViews
{
    public static readonly DayView<StressDay> Stress = DayView<StressDay>.Single(
        "Stress", OuraCatalog.DailyStress, d => d.Day,
        d => new StressDay
        {
            Day = Days.Format(d.Day),
            Summary = ReadinessViews.Text(d.DaySummary?.Value),
            StressHighSeconds = d.StressHigh,
            RecoveryHighSeconds = d.RecoveryHigh,
        },
        r => Days.Parse(r.Day));

    public static readonly DayView<CardiovascularAgeDay> CardiovascularAge = DayView<CardiovascularAgeDay>.Single(
        "Cardiovascular age", OuraCatalog.DailyCardiovascularAge, d => d.Day,
        d => new CardiovascularAgeDay { Day = Days.Format(d.Day), VascularAge = d.VascularAge, PulseWaveVelocity = ReadinessViews.Round(d.PulseWaveVelocity) },
        r => Days.Parse(r.Day));

    public static readonly DayView<Vo2MaxDay> Vo2Max = DayView<Vo2MaxDay>.Single(
        "VO2 max", OuraCatalog.VO2Max, d => d.Day,
        d => new Vo2MaxDay { Day = Days.Format(d.Day), Vo2Max = d.Vo2Max },
        r => Days.Parse(r.Day));
}
