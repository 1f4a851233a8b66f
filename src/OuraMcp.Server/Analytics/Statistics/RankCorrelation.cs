using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace OuraMcp.Server.Analytics.Statistics;

/// <summary>
/// Spearman's rank correlation (ties get average ranks). Its interval is Fisher's z transform with the standard error
/// sqrt(1.06 / (n − 3)) of Fieller, Hartley and Pearson (1957); its p-value is the t approximation
/// t = ρ · sqrt((n − 2) / (1 − ρ²)) on n − 2 degrees of freedom.
/// </summary>
public static class RankCorrelation
{
    public static Estimate Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length.", nameof(y));
        var n = x.Count;
        if (n < 4) throw new ArgumentException("Spearman's interval needs at least 4 pairs.", nameof(x));
        var rho = Correlation.Spearman(x, y);
        if (double.IsNaN(rho)) rho = 0; // one side constant: no ordering to share
        rho = Math.Clamp(rho, -1, 1);
        if (Math.Abs(rho) == 1) return new Estimate(rho, new Interval(rho, rho, confidence), 0);

        var z = Math.Atanh(rho);
        var half = StandardNormal.TwoSided(confidence) * Math.Sqrt(1.06 / (n - 3));
        var t = rho * Math.Sqrt((n - 2) / (1 - rho * rho));
        var p = 2 * (1 - StudentT.CDF(0, 1, n - 2, Math.Abs(t)));
        return new Estimate(rho, new Interval(Math.Tanh(z - half), Math.Tanh(z + half), confidence), p);
    }

    /// <summary>Bonferroni's adjustment of one of <paramref name="tests"/> p-values: p · m, at most 1.</summary>
    public static double Bonferroni(double p, int tests) => Math.Min(1, p * tests);
}
