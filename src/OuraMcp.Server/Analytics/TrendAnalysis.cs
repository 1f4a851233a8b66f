using System.ComponentModel;
using OuraMcp.Server.Analytics.Statistics;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>The trend tool's answer.</summary>
public sealed record TrendAnswer
{
    public required string Metric { get; init; }

    [Description("First day analysed, yyyy-MM-dd.")]
    public required string Start { get; init; }

    [Description("Last day analysed, inclusive.")]
    public required string End { get; init; }

    [Description("IANA time zone that decides local days.")]
    public required string TimeZone { get; init; }

    [Description("Days in the range.")]
    public int Days { get; init; }

    [Description("Days with a value: the n of the fit.")]
    public int N { get; init; }

    [Description("Days without a value: left out, never counted as zero.")]
    public int MissingDays { get; init; }

    [Description("How the numbers were computed.")]
    public required string Method { get; init; }

    [Description("Confidence level of the interval.")]
    public double Confidence { get; init; }

    [Description("False when there were too few days to answer (see notice).")]
    public bool EnoughData { get; init; }

    [Description("Theil–Sen slope in the metric's unit per week, with Sen's interval and the Mann–Kendall p-value.")]
    public EstimateValue? SlopePerWeek { get; init; }

    [Description("The fitted line's value on the first and the last day.")]
    public double? FittedStart { get; init; }

    public double? FittedEnd { get; init; }

    [Description("rising or falling when the interval excludes 0, else no_clear_trend.")]
    public string? Direction { get; init; }

    [Description("True when every page was read from Oura.")]
    public bool Complete { get; init; }

    [Description("Why there is no answer or what to keep in mind.")]
    public string? Notice { get; init; }
}

/// <summary>A metric's trend: Theil–Sen slope per week with Sen's interval.</summary>
public static class TrendAnalysis
{
    public const string Method =
        "Theil–Sen slope (median of the slopes between every pair of days with a value) in units per week; Sen's distribution-free interval " +
        "from the ordered pairwise slopes; Mann–Kendall test (normal approximation, ties corrected). Assumes days are independent: " +
        "day-to-day carry-over makes the interval too narrow.";

    public static TrendAnswer Analyse(DailySeries series, string timeZone)
    {
        var points = series.In(series.Range).ToList();
        var answer = new TrendAnswer
        {
            Metric = series.Metric.Name, Start = Days.Format(series.Range.Start), End = Days.Format(series.Range.End), TimeZone = timeZone,
            Days = series.Range.Days, N = points.Count, MissingDays = series.MissingDays, Method = Method, Confidence = AnalyticsLimits.Confidence,
            Complete = series.Complete,
        };
        if (points.Count < AnalyticsLimits.Trend)
        {
            return answer with { Notice = AnalyticsText.TooFew("trend", AnalyticsLimits.Trend, "days with a value", points.Count, series) };
        }

        var weeks = points.Select(p => (p.Day.DayNumber - series.Range.Start.DayNumber) / 7.0).ToList();
        var fit = TheilSen.Fit(weeks, points.Select(p => p.Value).ToList(), AnalyticsLimits.Confidence);
        var lastWeek = (series.Range.Days - 1) / 7.0;
        var digits = Digits(points.Select(p => p.Value));
        return answer with
        {
            EnoughData = true,
            SlopePerWeek = EstimateValue.From(new Estimate(fit.Slope, fit.Interval, fit.PValue), digits + 1),
            FittedStart = EstimateValue.Round(fit.Intercept, digits),
            FittedEnd = EstimateValue.Round(fit.Intercept + fit.Slope * lastWeek, digits),
            Direction = fit.Interval.Low > 0 ? "rising" : fit.Interval.High < 0 ? "falling" : "no_clear_trend",
            Notice = AnalyticsText.Incomplete(series.Complete, series.IncompleteReason),
        };
    }

    public static string Text(TrendAnswer a)
    {
        var head = $"Trend of {a.Metric} {a.Start} to {a.End} ({a.TimeZone}): ";
        if (!a.EnoughData) return head + a.Notice;
        return head +
            $"{Figures.Interval(a.SlopePerWeek)} per week, {a.Direction!.Replace('_', ' ')} ({Figures.P(a.SlopePerWeek!.PValue)}); " +
            $"fitted {Figures.Number(a.FittedStart)} on {a.Start} to {Figures.Number(a.FittedEnd)} on {a.End}. " +
            $"n = {a.N} days with a value of {a.Days}, {a.MissingDays} missing (left out, not zero).\nMethod: {a.Method}" +
            (a.Notice is null ? "" : "\nNotice: " + a.Notice);
    }

    /// <summary>Decimals worth showing for values like these: none for counts and scores, two for fractional values.</summary>
    internal static int Digits(IEnumerable<double> values) => values.All(v => v == Math.Round(v)) ? 1 : 2;
}

/// <summary>Sentences the analytics share.</summary>
internal static class AnalyticsText
{
    public static string TooFew(string method, int minimum, string what, int have, DailySeries series) =>
        $"Too little data for {method}: it needs at least {minimum} {what}, and {series.Metric.Name} has {have} " +
        $"({series.MissingDays} of {series.Range.Days} days have no value). Ask for a longer range.";

    public static string? Incomplete(bool complete, string? reason) =>
        complete ? null : $"Oura did not return every page ({reason}); days may be missing. Retry, or ask for a shorter range.";
}
