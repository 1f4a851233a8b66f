using System.ComponentModel;
using OuraMcp.Server.Analytics.Statistics;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>Spearman's correlation at one lag.</summary>
public sealed record LagCorrelation
{
    [Description("Days x leads y by: x on day d is paired with y on day d + lag.")]
    public int Lag { get; init; }

    [Description("Pairs with a value of both: the n at this lag.")]
    public int N { get; init; }

    [Description("Spearman's rho with its simultaneous (Bonferroni) interval and unadjusted p-value; null when n is below the minimum.")]
    public EstimateValue? Rho { get; init; }

    [Description("The p-value times the number of lags tested (Bonferroni), at most 1.")]
    public double? AdjustedPValue { get; init; }

    [Description("True when the adjusted p-value is below 1 − confidence.")]
    public bool Significant { get; init; }
}

/// <summary>The correlate tool's answer.</summary>
public sealed record CorrelateAnswer
{
    [Description("The leading metric.")]
    public required string XMetric { get; init; }

    [Description("The following metric.")]
    public required string YMetric { get; init; }

    [Description("First day of y analysed, yyyy-MM-dd (x is read from max_lag days earlier).")]
    public required string Start { get; init; }

    [Description("Last day of y, inclusive.")]
    public required string End { get; init; }

    [Description("IANA time zone that decides local days.")]
    public required string TimeZone { get; init; }

    [Description("Days of the range without a value of x, and of y (left out, never zero).")]
    public int XMissingDays { get; init; }

    public int YMissingDays { get; init; }

    [Description("One entry per lag tested.")]
    public required IReadOnlyList<LagCorrelation> Lags { get; init; }

    [Description("The significant lag with the largest |rho|, if any.")]
    public int? StrongestLag { get; init; }

    [Description("How the numbers were computed.")]
    public required string Method { get; init; }

    [Description("Family-wise confidence level over the lags tested.")]
    public double Confidence { get; init; }

    [Description("False when no lag had enough pairs (see notice).")]
    public bool EnoughData { get; init; }

    [Description("True when every page was read from Oura.")]
    public bool Complete { get; init; }

    public string? Notice { get; init; }
}

/// <summary>Spearman's correlation of two metrics at lags 0 to max_lag, corrected for testing several lags.</summary>
public static class CorrelationAnalysis
{
    public static CorrelateAnswer Analyse(DailySeries x, DailySeries y, DayRange range, int maxLag, string timeZone)
    {
        var tests = maxLag + 1;
        var alpha = 1 - AnalyticsLimits.Confidence;
        var lags = new List<LagCorrelation>();
        for (var lag = 0; lag <= maxLag; lag++)
        {
            var pairs = range.EachDay()
                .Select(day => (X: x.On(day.AddDays(-lag)), Y: y.On(day)))
                .Where(p => p.X is not null && p.Y is not null)
                .ToList();
            if (pairs.Count < AnalyticsLimits.CorrelatePairs)
            {
                lags.Add(new LagCorrelation { Lag = lag, N = pairs.Count });
                continue;
            }

            var rho = RankCorrelation.Spearman(pairs.Select(p => p.X!.Value).ToList(), pairs.Select(p => p.Y!.Value).ToList(), 1 - alpha / tests);
            var adjusted = RankCorrelation.Bonferroni(rho.PValue!.Value, tests);
            lags.Add(new LagCorrelation
            {
                Lag = lag, N = pairs.Count, Rho = EstimateValue.From(rho, 3), AdjustedPValue = EstimateValue.Round(adjusted, 4), Significant = adjusted < alpha,
            });
        }

        var strongest = lags.Where(l => l.Significant).OrderByDescending(l => Math.Abs(l.Rho!.Value ?? 0)).FirstOrDefault();
        var enough = lags.Any(l => l.Rho is not null);
        var complete = x.Complete && y.Complete;
        return new CorrelateAnswer
        {
            XMetric = x.Metric.Name, YMetric = y.Metric.Name, Start = Days.Format(range.Start), End = Days.Format(range.End), TimeZone = timeZone,
            XMissingDays = range.EachDay().Count(d => x.On(d) is null), YMissingDays = range.EachDay().Count(d => y.On(d) is null),
            Lags = lags, StrongestLag = strongest?.Lag,
            Method = $"Spearman's rank correlation of x on day d with y on day d + lag, for lags 0 to {maxLag}, over pairs where both have a value " +
                     $"(at least {AnalyticsLimits.CorrelatePairs}); Fisher z interval (SE sqrt(1.06/(n−3))) and t-approximation p-value. " +
                     $"Bonferroni correction for {tests} lags: each interval at {Figures.Percent(1 - alpha / tests)}, p-values times {tests}. " +
                     "Assumes days are independent; correlation is not causation.",
            Confidence = AnalyticsLimits.Confidence, EnoughData = enough, Complete = complete,
            Notice = !enough
                ? $"Too little data for correlate: each lag needs at least {AnalyticsLimits.CorrelatePairs} days with a value of both metrics; the most any lag had is {lags.Max(l => l.N)}. Ask for a longer range."
                : AnalyticsText.Incomplete(complete, x.IncompleteReason ?? y.IncompleteReason),
        };
    }

    public static string Text(CorrelateAnswer a)
    {
        var lines = new List<string>
        {
            $"Spearman correlation of {a.XMetric} (x, leading) with {a.YMetric} (y), y days {a.Start} to {a.End} ({a.TimeZone}); " +
            $"missing days x {a.XMissingDays}, y {a.YMissingDays}. " +
            (a.StrongestLag is { } s ? $"Strongest significant lag: {s}." : a.EnoughData ? "No lag is significant after the correction." : a.Notice),
            "lag,n,rho,low,high,p,adjusted_p,significant",
        };
        lines.AddRange(a.Lags.Select(l =>
            $"{l.Lag},{l.N},{Figures.Number(l.Rho?.Value)},{Figures.Number(l.Rho?.Low)},{Figures.Number(l.Rho?.High)},{Figures.Number(l.Rho?.PValue)},{Figures.Number(l.AdjustedPValue)},{(l.Rho is null ? "too few pairs" : l.Significant ? "yes" : "no")}"));
        lines.Add("Method: " + a.Method);
        if (a.EnoughData && a.Notice is not null) lines.Add("Notice: " + a.Notice);
        return string.Join('\n', lines);
    }
}
