using System.ComponentModel;
using System.Globalization;
using OuraMcp.Server.Analytics.Statistics;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>One day outside its baseline band.</summary>
public sealed record AnomalyDay
{
    public required string Day { get; init; }

    public double Value { get; init; }

    [Description("Median of the baseline days.")]
    public double BaselineMedian { get; init; }

    [Description("The band: median ± k scaled MADs.")]
    public double Low { get; init; }

    public double High { get; init; }

    [Description("(value − median) / scaled MAD.")]
    public double RobustZ { get; init; }

    [Description("Baseline days with a value.")]
    public int BaselineN { get; init; }

    [Description("high or low.")]
    public required string Direction { get; init; }
}

/// <summary>The anomalies tool's answer.</summary>
public sealed record AnomaliesAnswer
{
    public required string Metric { get; init; }

    [Description("First day judged, yyyy-MM-dd.")]
    public required string Start { get; init; }

    [Description("Last day judged, inclusive.")]
    public required string End { get; init; }

    [Description("IANA time zone that decides local days.")]
    public required string TimeZone { get; init; }

    [Description("Days before each day that make its baseline.")]
    public int WindowDays { get; init; }

    [Description("Half-width of the band in scaled MADs.")]
    public double K { get; init; }

    [Description("Days of the range with a value and a baseline: the n judged.")]
    public int DaysJudged { get; init; }

    [Description("Days of the range without a value (left out, never zero).")]
    public int MissingDays { get; init; }

    [Description("Days with a value but too few baseline days (or a baseline that does not vary) to judge.")]
    public int DaysWithoutBaseline { get; init; }

    [Description("Share of ordinary days expected outside the band by chance, for normal noise and baselines of this size.")]
    public double ExpectedRate { get; init; }

    [Description("The days outside their band, oldest first.")]
    public required IReadOnlyList<AnomalyDay> Anomalies { get; init; }

    [Description("How the numbers were computed.")]
    public required string Method { get; init; }

    [Description("False when no day could be judged (see notice).")]
    public bool EnoughData { get; init; }

    [Description("True when every page was read from Oura.")]
    public bool Complete { get; init; }

    public string? Notice { get; init; }
}

/// <summary>Days outside the person's own rolling baseline.</summary>
public static class AnomalyAnalysis
{
    public static int MinimumBaseline(int window) => Math.Max(7, (int)Math.Ceiling(window * AnalyticsLimits.BaselineShare));

    /// <summary>Judges the days of <paramref name="range"/>; <paramref name="series"/> holds them and the <paramref name="window"/> days before.</summary>
    public static AnomaliesAnswer Analyse(DailySeries series, DayRange range, int window, double k, string timeZone)
    {
        var minimum = MinimumBaseline(window);
        var anomalies = new List<AnomalyDay>();
        int judged = 0, unjudged = 0, missing = 0, baselineDays = 0;
        foreach (var day in range.EachDay())
        {
            if (series.On(day) is not { } value)
            {
                missing++;
                continue;
            }

            var baseline = new DayRange(day.AddDays(-window), day.AddDays(-1));
            var values = series.In(baseline).Select(p => p.Value).ToList();
            var band = values.Count >= minimum ? RobustBaseline.Of(values, k) : null;
            if (band is null)
            {
                unjudged++;
                continue;
            }

            judged++;
            baselineDays += band.N;
            if (!band.Outside(value)) continue;
            anomalies.Add(new AnomalyDay
            {
                Day = Days.Format(day), Value = value, BaselineMedian = Numbers(band.Median), Low = Numbers(band.Low), High = Numbers(band.High),
                RobustZ = Numbers(band.RobustZ(value)), BaselineN = band.N, Direction = value > band.High ? "high" : "low",
            });
        }

        var expected = ExpectedRate(k, judged > 0 ? (double)baselineDays / judged : window);
        return new AnomaliesAnswer
        {
            Metric = series.Metric.Name, Start = Days.Format(range.Start), End = Days.Format(range.End), TimeZone = timeZone,
            WindowDays = window, K = k, ExpectedRate = Answers.Numbers.Round(expected, 4), DaysJudged = judged, MissingDays = missing, DaysWithoutBaseline = unjudged, Anomalies = anomalies,
            Method = $"Each day against the {window} days before it: the band is the baseline's median ± {k.ToString(CultureInfo.InvariantCulture)} × 1.4826 × MAD " +
                     $"(median absolute deviation, scaled to estimate the SD); a day is judged when at least {minimum} baseline days have a value and they vary. " +
                     $"With normal day-to-day noise about {Figures.Percent(expected)} of ordinary days fall outside by chance " +
                     $"({Figures.Percent(ExpectedRate(k, double.PositiveInfinity))} if the baseline were known exactly; estimated from a few weeks, the band itself varies).",
            EnoughData = judged > 0,
            Complete = series.Complete,
            Notice = judged > 0
                ? AnalyticsText.Incomplete(series.Complete, series.IncompleteReason)
                : $"Too little data for anomalies: a day is judged only with at least {minimum} of the {window} days before it having a value of {series.Metric.Name}; " +
                  $"no day of the range had that ({missing} of {range.Days} days have no value). Ask for a later range or a shorter window.",
        };
    }

    /// <summary>
    /// The share of ordinary days outside a band estimated from <paramref name="baselineN"/> normal values: a new value
    /// less the baseline median has variance σ²(1 + π/(2n)), and the scaled MAD estimates σ with the precision of an SD
    /// from about 0.37·n values (its efficiency), so (value − median)/MAD is close to Student's t on 0.37·n − 1 degrees of freedom.
    /// </summary>
    public static double ExpectedRate(double k, double baselineN)
    {
        if (double.IsPositiveInfinity(baselineN)) return 2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, k));
        var df = Math.Max(1, 0.37 * baselineN - 1);
        return 2 * (1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, k / Math.Sqrt(1 + Math.PI / (2 * baselineN))));
    }

    private static double Numbers(double value) => Answers.Numbers.Round(value, 2);

    public static string Text(AnomaliesAnswer a)
    {
        var lines = new List<string>
        {
            $"Anomalies of {a.Metric} {a.Start} to {a.End} ({a.TimeZone}): {a.Anomalies.Count} of {a.DaysJudged} days judged fall outside their baseline " +
            $"({a.MissingDays} days have no value, {a.DaysWithoutBaseline} too little baseline).",
        };
        if (a.Anomalies.Count > 0)
        {
            lines.Add("day,value,baseline_median,low,high,robust_z,direction");
            lines.AddRange(a.Anomalies.Select(d =>
                $"{d.Day},{Figures.Number(d.Value)},{Figures.Number(d.BaselineMedian)},{Figures.Number(d.Low)},{Figures.Number(d.High)},{Figures.Number(d.RobustZ)},{d.Direction}"));
        }

        lines.Add("Method: " + a.Method);
        if (a.Notice is not null) lines.Add("Notice: " + a.Notice);
        return string.Join('\n', lines);
    }
}
