using MathNet.Numerics.Distributions;

namespace OuraMcp.Server.Analytics.Statistics;

/// <summary>A two-sided confidence interval.</summary>
public readonly record struct Interval(double Low, double High, double Confidence)
{
    public bool Excludes(double value) => value < Low || value > High;
}

/// <summary>An estimate with its interval and, where the method gives one, the p-value of "no effect".</summary>
public sealed record Estimate(double Value, Interval Interval, double? PValue = null);

/// <summary>Quantiles of the standard normal distribution, shared by the methods' intervals.</summary>
internal static class StandardNormal
{
    /// <summary>The two-sided critical value: z with P(|Z| &lt;= z) = <paramref name="confidence"/>.</summary>
    public static double TwoSided(double confidence) => Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);

    /// <summary>The two-sided p-value of a standard normal statistic.</summary>
    public static double PValue(double z) => 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
}
