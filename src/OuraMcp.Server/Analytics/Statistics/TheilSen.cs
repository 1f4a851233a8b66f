using MathNet.Numerics.Statistics;

namespace OuraMcp.Server.Analytics.Statistics;

/// <summary>A Theil–Sen line with Sen's distribution-free interval for its slope and the Mann–Kendall test.</summary>
/// <param name="N">Points fitted.</param>
/// <param name="Slope">Median of the slopes of every pair of points with different x.</param>
/// <param name="Intercept">Conover's intercept: median(y) − slope · median(x).</param>
/// <param name="Interval">Sen's interval: order statistics of the pairwise slopes at ranks set by the variance of Kendall's S.</param>
/// <param name="KendallS">Mann–Kendall S: concordant minus discordant pairs.</param>
/// <param name="PValue">Two-sided Mann–Kendall p-value (normal approximation with continuity correction, ties corrected).</param>
public sealed record SlopeEstimate(int N, double Slope, double Intercept, Interval Interval, long KendallS, double PValue);

/// <summary>
/// Theil–Sen regression (Theil 1950, Sen 1968): robust to outliers and to the shape of the noise. The interval is
/// Sen's (Gilbert 1987, §16.5): with N pairwise slopes ordered and C = z · sqrt(Var S), the bounds are the slopes of
/// rank (N − C)/2 and (N + C)/2 + 1, interpolated between neighbours. It assumes the residuals are independent.
/// </summary>
public static class TheilSen
{
    public static SlopeEstimate Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length.", nameof(y));
        var n = x.Count;
        if (n < 3) throw new ArgumentException("Theil–Sen needs at least 3 points.", nameof(x));

        var slopes = new double[n * (n - 1) / 2];
        var count = 0;
        long s = 0;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dx = x[j] - x[i];
                s += Math.Sign(dx) * Math.Sign(y[j] - y[i]);
                if (dx != 0) slopes[count++] = (y[j] - y[i]) / dx;
            }
        }

        if (count == 0) throw new ArgumentException("Every point has the same x: there is no slope.", nameof(x));
        Array.Sort(slopes, 0, count);
        var sorted = slopes.AsSpan(0, count).ToArray();
        var slope = SortedArrayStatistics.Median(sorted);
        var intercept = y.Median() - slope * x.Median();

        var variance = (Term(n) - TiedGroups(y).Sum(Term) - TiedGroups(x).Sum(Term)) / 18.0;
        var c = StandardNormal.TwoSided(confidence) * Math.Sqrt(variance);
        var low = OrderStatistic(sorted, (count - c) / 2);
        var high = OrderStatistic(sorted, (count + c) / 2 + 1);
        var z = variance > 0 ? (s - Math.Sign(s)) / Math.Sqrt(variance) : 0;
        return new SlopeEstimate(n, slope, intercept, new Interval(low, high, confidence), s, StandardNormal.PValue(z));
    }

    /// <summary>t(t − 1)(2t + 5): a group of t tied values' share of Var(S), times 18.</summary>
    private static double Term(int t) => (double)t * (t - 1) * (2 * t + 5);

    private static IEnumerable<int> TiedGroups(IReadOnlyList<double> values) =>
        values.GroupBy(v => v).Select(g => g.Count()).Where(c => c > 1);

    /// <summary>The value at a 1-based, possibly fractional, rank of sorted data, clamped to its ends.</summary>
    internal static double OrderStatistic(double[] sorted, double rank)
    {
        if (rank <= 1) return sorted[0];
        if (rank >= sorted.Length) return sorted[^1];
        var below = (int)Math.Floor(rank);
        var fraction = rank - below;
        return sorted[below - 1] + fraction * (sorted[below] - sorted[below - 1]);
    }
}
