using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace OuraMcp.Server.Analytics.Statistics;

/// <summary>One group's values, summarised.</summary>
public sealed record GroupSummary(int N, double Mean, double Median, double StandardDeviation);

/// <summary>
/// Two groups compared, first minus second. Null where the method is undefined for the data (e.g. Hedges' g when
/// both groups are constant).
/// </summary>
public sealed record Comparison(
    GroupSummary First,
    GroupSummary Second,
    Estimate MeanDifference,
    Estimate MedianDifference,
    Estimate? HedgesG,
    Estimate CliffsDelta);

/// <summary>
/// Differences between two independent groups, each with an interval:
/// the difference of means with Welch's t interval and test (unequal variances, Welch–Satterthwaite degrees of freedom);
/// the difference of medians with a percentile bootstrap interval (<see cref="BootstrapResamples"/> resamples of each
/// group, a fixed seed, so the same data always give the same interval);
/// Hedges' g (Cohen's d on the pooled SD times the small-sample correction J = 1 − 3/(4(n1 + n2) − 9)) with the normal
/// interval of Hedges and Olkin (1985);
/// Cliff's delta, P(X &gt; Y) − P(X &lt; Y), with Cliff's (1993) consistent variance and his asymmetric interval.
/// </summary>
public static class GroupComparison
{
    public const int BootstrapResamples = 2000;

    private const int BootstrapSeed = 20_260_305;

    public static Comparison Compare(IReadOnlyList<double> first, IReadOnlyList<double> second, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count < 2 || second.Count < 2) throw new ArgumentException("Each group needs at least 2 values.");
        var a = Summarise(first);
        var b = Summarise(second);
        return new Comparison(a, b, Welch(a, b, confidence), MedianDifference(first, second, confidence), Hedges(a, b, confidence), CliffsDelta(first, second, confidence));
    }

    public static GroupSummary Summarise(IReadOnlyList<double> values) =>
        new(values.Count, values.Mean(), values.Median(), values.StandardDeviation());

    internal static Estimate Welch(GroupSummary a, GroupSummary b, double confidence)
    {
        var difference = a.Mean - b.Mean;
        var va = a.StandardDeviation * a.StandardDeviation / a.N;
        var vb = b.StandardDeviation * b.StandardDeviation / b.N;
        var se = Math.Sqrt(va + vb);
        if (se == 0) return new Estimate(difference, new Interval(difference, difference, confidence), difference == 0 ? 1 : 0);
        var df = (va + vb) * (va + vb) / (va * va / (a.N - 1) + vb * vb / (b.N - 1));
        var t = StudentT.InvCDF(0, 1, df, 1 - (1 - confidence) / 2);
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(difference / se)));
        return new Estimate(difference, new Interval(difference - t * se, difference + t * se, confidence), p);
    }

    internal static Estimate? Hedges(GroupSummary a, GroupSummary b, double confidence)
    {
        var pooled = Math.Sqrt(((a.N - 1) * a.StandardDeviation * a.StandardDeviation + (b.N - 1) * b.StandardDeviation * b.StandardDeviation) / (a.N + b.N - 2));
        if (pooled == 0) return null;
        var correction = 1 - 3.0 / (4 * (a.N + b.N) - 9);
        var g = correction * (a.Mean - b.Mean) / pooled;
        var se = Math.Sqrt((double)(a.N + b.N) / (a.N * b.N) + g * g / (2.0 * (a.N + b.N)));
        var z = StandardNormal.TwoSided(confidence);
        return new Estimate(g, new Interval(g - z * se, g + z * se, confidence));
    }

    internal static Estimate MedianDifference(IReadOnlyList<double> first, IReadOnlyList<double> second, double confidence)
    {
        var difference = first.Median() - second.Median();
        // A resample is drawn as counts of each position of the sorted data: its median is then the order statistic
        // found by walking the counts, with no copying or sorting per resample.
        var a = first.Order().ToArray();
        var b = second.Order().ToArray();
        var countsA = new int[a.Length];
        var countsB = new int[b.Length];
        var random = new Random(BootstrapSeed);
        var differences = new double[BootstrapResamples];
        for (var r = 0; r < BootstrapResamples; r++)
        {
            differences[r] = ResampledMedian(a, countsA, random) - ResampledMedian(b, countsB, random);
        }

        Array.Sort(differences);
        var tail = (1 - confidence) / 2;
        return new Estimate(difference, new Interval(
            SortedArrayStatistics.Quantile(differences, tail), SortedArrayStatistics.Quantile(differences, 1 - tail), confidence));
    }

    private static double ResampledMedian(double[] sorted, int[] counts, Random random)
    {
        var n = sorted.Length;
        Array.Clear(counts);
        for (var i = 0; i < n; i++) counts[random.Next(n)]++;
        return n % 2 == 1 ? OrderStatistic(sorted, counts, n / 2) : (OrderStatistic(sorted, counts, n / 2 - 1) + OrderStatistic(sorted, counts, n / 2)) / 2;
    }

    /// <summary>The value of 0-based rank <paramref name="rank"/> in the resample that holds sorted[i] counts[i] times.</summary>
    private static double OrderStatistic(double[] sorted, int[] counts, int rank)
    {
        var seen = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            seen += counts[i];
            if (seen > rank) return sorted[i];
        }

        return sorted[^1];
    }

    internal static Estimate CliffsDelta(IReadOnlyList<double> first, IReadOnlyList<double> second, double confidence)
    {
        var xs = first.Order().ToArray();
        var ys = second.Order().ToArray();
        double n1 = xs.Length, n2 = ys.Length;
        // Row means d_i. = P(x_i > Y) − P(x_i < Y) and column means d_.j = P(X > y_j) − P(X < y_j), from sorted copies.
        var rows = xs.Select(x => (CountBelow(ys, x) - CountAbove(ys, x)) / n2).ToArray();
        var columns = ys.Select(y => (CountAbove(xs, y) - CountBelow(xs, y)) / n1).ToArray();
        var delta = rows.Average();
        // Σ Σ (d_ij − δ)² with d_ij in {−1, 0, 1}: the untied pairs less n1·n2·δ².
        var untied = xs.Sum(x => (double)CountBelow(ys, x) + CountAbove(ys, x));
        var cells = untied - n1 * n2 * delta * delta;
        var variance = (n2 * n2 * rows.Sum(d => (d - delta) * (d - delta)) + n1 * n1 * columns.Sum(d => (d - delta) * (d - delta)) - cells)
            / (n1 * n2 * (n1 - 1) * (n2 - 1));
        // Complete separation (|δ| = 1) leaves Cliff's interval degenerate (variance 0, then 0/0): it is computed as if
        // one pair were tied instead, which still holds δ and says how close to ±1 the data allow.
        var centre = Math.Abs(delta) == 1 ? delta * (1 - 1 / (n1 * n2)) : delta;
        variance = Math.Max(variance, (1 - centre * centre) / (n1 * n2 - 1));
        var z = StandardNormal.TwoSided(confidence);
        var s = Math.Sqrt(variance);
        var root = z * s * Math.Sqrt((1 - centre * centre) * (1 - centre * centre) + z * z * variance);
        var denominator = 1 - centre * centre + z * z * variance;
        var low = Math.Max(-1, Math.Min(delta, (centre - centre * centre * centre - root) / denominator));
        var high = Math.Min(1, Math.Max(delta, (centre - centre * centre * centre + root) / denominator));
        return new Estimate(delta, new Interval(low, high, confidence));
    }

    /// <summary>Values of sorted data strictly below <paramref name="value"/>.</summary>
    private static int CountBelow(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary>Values of sorted data strictly above <paramref name="value"/>.</summary>
    private static int CountAbove(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return sorted.Length - lo;
    }
}
