using System.ComponentModel;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Views;

/// <summary>One night's blood oxygen.</summary>
public sealed record SpO2Day
{
    public required string Day { get; init; }

    [Description("Average blood oxygen saturation during sleep, percent.")]
    public double? AverageSpo2Percent { get; init; }

    [Description("Breathing disturbance index 0-100 (higher means more disturbances).")]
    public int? BreathingDisturbanceIndex { get; init; }
}

/// <summary>The body toolset's views.</summary>
public static class BodyViews
{
    public static readonly DayView<SpO2Day> SpO2 = DayView<SpO2Day>.Single(
        "Blood oxygen", OuraCatalog.DailySpO2, d => d.Day,
        d => new SpO2Day
        {
            Day = Days.Format(d.Day),
            AverageSpo2Percent = ReadinessViews.Round(d.Spo2Percentage?.Average, 1),
            BreathingDisturbanceIndex = d.BreathingDisturbanceIndex,
        },
        r => Days.Parse(r.Day));
}
