using MathNet.Numerics.Statistics;

namespace OuraMcp.Server.Analytics.Statistics;

/// <summary>
/// A baseline band: the median of <c>N</c> baseline values ± k scaled MADs (<c>ScaledMad</c>: the median absolute
/// deviation × 1.4826, which estimates the SD of normal data).
/// </summary>
public sealed record BaselineBand(int N, double Median, double ScaledMad, double Low, double High)
{
    public bool Outside(double value) => value < Low || value > High;

    /// <summary>How many scaled MADs <paramref name="value"/> lies from the median.</summary>
    public double RobustZ(double value) => (value - Median) / ScaledMad;
}

/// <summary>
/// The person's own baseline as median ± k · 1.4826 · MAD: robust, so one odd day in the baseline does not widen the
/// band. With normal noise and k = 3 about 0.3 % of ordinary days fall outside (a little more while the baseline is short).
/// </summary>
public static class RobustBaseline
{
    public const double MadToSd = 1.4826;

    /// <summary>The band of <paramref name="values"/>, or null when they do not vary (MAD 0: every day would be "unusual").</summary>
    public static BaselineBand? Of(IReadOnlyList<double> values, double k)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var median = values.Median();
        var mad = values.Select(v => Math.Abs(v - median)).Median() * MadToSd;
        if (mad == 0) return null;
        return new BaselineBand(values.Count, median, mad, median - k * mad, median + k * mad);
    }
}
