using OuraMcp.Server.Answers;
using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Views;

/// <summary>One day's readiness.</summary>
public sealed record ReadinessDay
{
    public required string Day { get; init; }

    [Description("Readiness score 1-100.")]
    public int? Score { get; init; }

    [Description("Body temperature deviation from the person's baseline, °C.")]
    public double? TemperatureDeviation { get; init; }

    [Description("Temperature trend deviation, °C.")]
    public double? TemperatureTrendDeviation { get; init; }

    [Description("Contributors to the score, each 1-100.")]
    public IReadOnlyDictionary<string, double>? Contributors { get; init; }
}

/// <summary>One day's resilience.</summary>
public sealed record ResilienceDay
{
    public required string Day { get; init; }

    [Description("limited, adequate, solid, strong or exceptional.")]
    public string? Level { get; init; }

    [Description("Contributors (sleep_recovery, daytime_recovery, stress), each 0-100.")]
    public IReadOnlyDictionary<string, double>? Contributors { get; init; }
}

/// <summary>The readiness toolset's views.</summary>
public static class ReadinessViews
{
    public static readonly DayView<ReadinessDay> Readiness = DayView<ReadinessDay>.Single(
        "Readiness", OuraCatalog.DailyReadiness, d => d.Day,
        d => new ReadinessDay
        {
            Day = Days.Format(d.Day),
            Score = d.Score,
            TemperatureDeviation = Round(d.TemperatureDeviation),
            TemperatureTrendDeviation = Round(d.TemperatureTrendDeviation),
            Contributors = Views.Contributors.From(d.Contributors),
        },
        r => Days.Parse(r.Day));

    public static readonly DayView<ResilienceDay> Resilience = DayView<ResilienceDay>.Single(
        "Resilience", OuraCatalog.DailyResilience, d => d.Day,
        d => new ResilienceDay { Day = Days.Format(d.Day), Level = Text(d.Level.Value), Contributors = Views.Contributors.From(d.Contributors) },
        r => Days.Parse(r.Day));

    internal static double? Round(double? value, int digits = 2) => value is { } v ? Numbers.Round(v, digits) : null;

    internal static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
