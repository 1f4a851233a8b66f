using System.ComponentModel;
using OuraMcp.Server.Analytics.Statistics;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>Two groups of days compared, first minus second: the shared part of compare_periods and tag_effect.</summary>
public sealed record GroupDifferences
{
    [Description("Mean of the first group minus mean of the second, with Welch's t interval and p-value.")]
    public EstimateValue? MeanDifference { get; init; }

    [Description("Median of the first group minus median of the second, with a percentile bootstrap interval.")]
    public EstimateValue? MedianDifference { get; init; }

    [Description("Hedges' g: the mean difference in pooled standard deviations, small-sample corrected (0.2 small, 0.5 medium, 0.8 large).")]
    public EstimateValue? HedgesG { get; init; }

    [Description("Cliff's delta: P(first > second) − P(first < second), from −1 to 1 (0.15 small, 0.33 medium, 0.47 large).")]
    public EstimateValue? CliffsDelta { get; init; }

    public const string Method =
        "Mean difference with Welch's t interval and test; median difference with a percentile bootstrap interval (2000 resamples, fixed seed); " +
        "Hedges' g with the Hedges–Olkin normal interval; Cliff's delta with Cliff's consistent variance and asymmetric interval. " +
        "Days are treated as independent samples.";

    public static GroupDifferences Of(IReadOnlyList<double> first, IReadOnlyList<double> second, int digits)
    {
        var c = GroupComparison.Compare(first, second, AnalyticsLimits.Confidence);
        return new GroupDifferences
        {
            MeanDifference = EstimateValue.From(c.MeanDifference, digits),
            MedianDifference = EstimateValue.From(c.MedianDifference, digits),
            HedgesG = EstimateValue.From(c.HedgesG, 3),
            CliffsDelta = EstimateValue.From(c.CliffsDelta, 3),
        };
    }

    public string Text(string firstName, string secondName) =>
        $"{firstName} minus {secondName}: mean {Figures.Interval(MeanDifference)} ({Figures.P(MeanDifference?.PValue)}), " +
        $"median {Figures.Interval(MedianDifference)}, Hedges' g {Figures.Interval(HedgesG)}, Cliff's delta {Figures.Interval(CliffsDelta)}.";
}

/// <summary>The compare_periods tool's answer.</summary>
public sealed record CompareAnswer
{
    public required string Metric { get; init; }

    [Description("IANA time zone that decides local days.")]
    public required string TimeZone { get; init; }

    [Description("The period asked about.")]
    public required GroupValue Period { get; init; }

    [Description("The period it is compared with.")]
    public required GroupValue Baseline { get; init; }

    [Description("Period minus baseline.")]
    public GroupDifferences? Difference { get; init; }

    [Description("How the numbers were computed.")]
    public required string Method { get; init; }

    [Description("Confidence level of every interval.")]
    public double Confidence { get; init; }

    [Description("False when a period had too few days to answer (see notice).")]
    public bool EnoughData { get; init; }

    [Description("True when every page was read from Oura.")]
    public bool Complete { get; init; }

    public string? Notice { get; init; }
}

/// <summary>A metric in one period against another.</summary>
public static class ComparisonAnalysis
{
    public static CompareAnswer Analyse(DailySeries series, DayRange period, DayRange baseline, string timeZone)
    {
        var a = series.In(period).Select(p => p.Value).ToList();
        var b = series.In(baseline).Select(p => p.Value).ToList();
        var answer = new CompareAnswer
        {
            Metric = series.Metric.Name, TimeZone = timeZone,
            Period = GroupValue.Of(a, period.Days - a.Count, Days.Format(period.Start), Days.Format(period.End)),
            Baseline = GroupValue.Of(b, baseline.Days - b.Count, Days.Format(baseline.Start), Days.Format(baseline.End)),
            Method = GroupDifferences.Method, Confidence = AnalyticsLimits.Confidence, Complete = series.Complete,
        };
        if (a.Count < AnalyticsLimits.ComparePerPeriod || b.Count < AnalyticsLimits.ComparePerPeriod)
        {
            return answer with
            {
                Notice = $"Too little data to compare: each period needs at least {AnalyticsLimits.ComparePerPeriod} days with a value of {series.Metric.Name}; " +
                         $"the period has {a.Count} of {period.Days} days, the baseline {b.Count} of {baseline.Days}. Ask for longer periods.",
            };
        }

        return answer with
        {
            EnoughData = true,
            Difference = GroupDifferences.Of(a, b, TrendAnalysis.Digits(a.Concat(b))),
            Notice = AnalyticsText.Incomplete(series.Complete, series.IncompleteReason),
        };
    }

    public static string Text(CompareAnswer a)
    {
        var head = $"{a.Metric}, {a.Period.Start} to {a.Period.End} against {a.Baseline.Start} to {a.Baseline.End} ({a.TimeZone}): ";
        var groups = $"period n = {a.Period.N} (missing {a.Period.MissingDays}), mean {Figures.Number(a.Period.Mean)}, median {Figures.Number(a.Period.Median)}; " +
                     $"baseline n = {a.Baseline.N} (missing {a.Baseline.MissingDays}), mean {Figures.Number(a.Baseline.Mean)}, median {Figures.Number(a.Baseline.Median)}.";
        if (!a.EnoughData) return head + a.Notice + "\n" + groups;
        return head + a.Difference!.Text("period", "baseline") + "\n" + groups + "\nMethod: " + a.Method + (a.Notice is null ? "" : "\nNotice: " + a.Notice);
    }
}
