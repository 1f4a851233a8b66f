using OuraMcp.Server.Answers;
using System.ComponentModel;

namespace OuraMcp.Server.Views;

/// <summary>The person's profile.</summary>
public sealed record ProfileAnswer
{
    [Description("Age, years.")]
    public int? Age { get; init; }

    [Description("Weight, kg.")]
    public double? WeightKg { get; init; }

    [Description("Height, meters.")]
    public double? HeightMeters { get; init; }

    public string? BiologicalSex { get; init; }

    public string? Email { get; init; }

    public static ProfileAnswer From(Oura.Models.PersonalInfo info) => new()
    {
        Age = info.Age,
        WeightKg = info.Weight is { } w ? Numbers.Round(w, 1) : null,
        HeightMeters = info.Height is { } h ? Numbers.Round(h, 2) : null,
        BiologicalSex = ReadinessViews.Text(info.BiologicalSex),
        Email = ReadinessViews.Text(info.Email),
    };
}
