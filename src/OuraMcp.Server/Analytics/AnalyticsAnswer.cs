using System.ComponentModel;
using System.Globalization;
using OuraMcp.Server.Analytics.Statistics;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Analytics;

/// <summary>An estimate as answers give it: the value, its interval and, where the method has one, the p-value.</summary>
public sealed record EstimateValue
{
    [Description("The estimate.")]
    public double? Value { get; init; }

    [Description("Lower end of the confidence interval.")]
    public double? Low { get; init; }

    [Description("Upper end of the confidence interval.")]
    public double? High { get; init; }

    [Description("Two-sided p-value of 'no effect', where the method gives one.")]
    public double? PValue { get; init; }

    public static EstimateValue? From(Estimate? estimate, int digits) => estimate is null ? null : new()
    {
        Value = Round(estimate.Value, digits),
        Low = Round(estimate.Interval.Low, digits),
        High = Round(estimate.Interval.High, digits),
        PValue = estimate.PValue is { } p ? Round(p, 4) : null,
    };

    /// <summary>Rounded, and null for a value no method can state (NaN, infinity): JSON has no such numbers.</summary>
    internal static double? Round(double value, int digits) => double.IsFinite(value) ? Numbers.Round(value, digits) : null;
}

/// <summary>A group of days, summarised: how many have a value, how many do not, and their centre and spread.</summary>
public sealed record GroupValue
{
    [Description("First day, yyyy-MM-dd.")]
    public string? Start { get; init; }

    [Description("Last day, inclusive.")]
    public string? End { get; init; }

    [Description("Days with a value: the n the methods used.")]
    public int N { get; init; }

    [Description("Days without a value (left out, never counted as zero).")]
    public int MissingDays { get; init; }

    public double? Mean { get; init; }

    public double? Median { get; init; }

    [Description("Sample standard deviation.")]
    public double? StandardDeviation { get; init; }

    public static GroupValue Of(IReadOnlyList<double> values, int missing, string? start = null, string? end = null, int digits = 2)
    {
        var summary = values.Count > 1 ? GroupComparison.Summarise(values) : null;
        return new GroupValue
        {
            Start = start,
            End = end,
            N = values.Count,
            MissingDays = missing,
            Mean = summary is null ? (values.Count == 1 ? values[0] : null) : EstimateValue.Round(summary.Mean, digits),
            Median = summary is null ? (values.Count == 1 ? values[0] : null) : EstimateValue.Round(summary.Median, digits),
            StandardDeviation = summary is null ? null : EstimateValue.Round(summary.StandardDeviation, digits),
        };
    }
}

/// <summary>How the analytics write numbers in their text answers.</summary>
internal static class Figures
{
    public static string Number(double? value) => value is { } v ? v.ToString("#,0.###", CultureInfo.InvariantCulture) : "n/a";

    public static string Signed(double? value) => value is { } v ? (v > 0 ? "+" : "") + Number(v) : "n/a";

    public static string Interval(EstimateValue? e) => e is null ? "n/a" : $"{Signed(e.Value)} ({Percent(AnalyticsLimits.Confidence)} CI {Signed(e.Low)} to {Signed(e.High)})";

    public static string P(double? p) => p is not { } v ? "" : v < 0.001 ? "p < 0.001" : "p = " + v.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>The smallest samples each method answers for, and the confidence of every interval.</summary>
public static class AnalyticsLimits
{
    public const double Confidence = 0.95;

    /// <summary>trend: days with a value.</summary>
    public const int Trend = 10;

    /// <summary>compare_periods: days with a value in each period.</summary>
    public const int ComparePerPeriod = 5;

    /// <summary>correlate: pairs (a value of both metrics, the lag apart) at a lag.</summary>
    public const int CorrelatePairs = 10;

    /// <summary>tag_effect: days after the tag with a value.</summary>
    public const int TaggedDays = 3;

    /// <summary>tag_effect: days not after the tag with a value.</summary>
    public const int UntaggedDays = 5;

    /// <summary>anomalies: baseline days with a value, at least this share of the window (and at least 7).</summary>
    public const double BaselineShare = 0.5;

    /// <summary>Days analysed when neither start_date nor end_date is given.</summary>
    public const int DefaultDays = 90;

    public const int MaxDays = 366;
}
