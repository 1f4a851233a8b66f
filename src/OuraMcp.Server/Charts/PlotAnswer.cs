using System.ComponentModel;

namespace OuraMcp.Server.Charts;

/// <summary>What a plot shows, beside its PNG: the structured twin of the caption.</summary>
public sealed record PlotAnswer
{
    [Description("The daily metric plotted, or heart_rate.")]
    public required string Metric { get; init; }

    [Description("First local day (yyyy-MM-dd) or instant (ISO 8601) plotted.")]
    public required string Start { get; init; }

    [Description("Last local day (inclusive) or end instant (exclusive) plotted.")]
    public required string End { get; init; }

    [Description("IANA time zone of the dates and times on the chart.")]
    public required string TimeZone { get; init; }

    [Description("The value axis: the measure and its unit.")]
    public required string Unit { get; init; }

    [Description("Points drawn (days with a value, or five-minute means); missing data is left as gaps.")]
    public int Points { get; init; }

    [Description("Runs of points without a gap: 1 when nothing is missing.")]
    public int Runs { get; init; }

    [Description("Missing days, or why the data is incomplete.")]
    public string? Notice { get; init; }
}
