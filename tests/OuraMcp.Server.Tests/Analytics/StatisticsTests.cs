using OuraMcp.Server.Analytics.Statistics;

namespace OuraMcp.Server.Tests.Analytics;

/// <summary>The statistics module against values published elsewhere, and against its definitions computed by brute force.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Spearman_matches_the_published_IQ_and_television_example()
    {
        // Wikipedia, "Spearman's rank correlation coefficient", example: rho = −29/165.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        var rho = RankCorrelation.Spearman(iq, tv);

        rho.Value.Should().BeApproximately(-29.0 / 165, 1e-12);
        rho.Interval.Low.Should().BeLessThan(rho.Value);
        rho.Interval.High.Should().BeGreaterThan(rho.Value);
        rho.PValue.Should().BeApproximately(0.627, 0.005, "t = ρ·sqrt(8/(1−ρ²)) = −0.505 on 8 degrees of freedom");
    }

    [Fact]
    public void Spearman_interval_is_fishers_z_with_the_fieller_standard_error()
    {
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        var rho = RankCorrelation.Spearman(iq, tv);

        // atanh(−0.17576) = −0.17761; ± 1.95996 · sqrt(1.06/7) = ± 0.76270; tanh back.
        rho.Interval.Low.Should().BeApproximately(Math.Tanh(-0.177614 - 0.762700), 1e-4);
        rho.Interval.High.Should().BeApproximately(Math.Tanh(-0.177614 + 0.762700), 1e-4);
    }

    [Fact]
    public void Welch_matches_the_published_example()
    {
        // Wikipedia, "Welch's t-test", example 1: t = −2.46, p = 0.021.
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

        var comparison = GroupComparison.Compare(a1, a2);

        comparison.MeanDifference.Value.Should().BeApproximately(a1.Average() - a2.Average(), 1e-12);
        comparison.MeanDifference.PValue.Should().BeApproximately(0.021, 0.001);
        comparison.MeanDifference.Interval.High.Should().BeLessThan(0, "p < 0.05, so the 95% interval excludes 0");
    }

    [Fact]
    public void Hedges_g_matches_lakens_movie_ratings_example()
    {
        // Lakens (2013), Frontiers in Psychology 4:863: d_s = 1.23 and Hedges' g_s = 1.18, the latter from d rounded to 1.23
        // (1.2256 unrounded, times J = 1 − 3/71, is 1.174).
        double[] movie1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9];
        double[] movie2 = [9, 6, 7, 8, 7, 9, 8, 8, 7, 7];

        var g = GroupComparison.Compare(movie1, movie2).HedgesG!;

        (g.Value / (1 - 3.0 / 71)).Should().BeApproximately(1.23, 0.005, "Cohen's d_s");
        g.Value.Should().BeApproximately(1.18, 0.01);
        g.Interval.Low.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Cliffs_delta_is_the_dominance_of_every_pair_and_its_interval_holds_it()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            // Rounded values, so ties occur as they do in scores.
            var a = Enumerable.Range(0, random.Next(5, 40)).Select(_ => Math.Round(Normal(random, 1, 2))).ToArray();
            var b = Enumerable.Range(0, random.Next(5, 40)).Select(_ => Math.Round(Normal(random, 0, 2))).ToArray();

            var delta = GroupComparison.Compare(a, b).CliffsDelta;

            var dominance = a.Sum(x => b.Sum(y => Math.Sign(x - y))) / (double)(a.Length * b.Length);
            delta.Value.Should().BeApproximately(dominance, 1e-12);
            delta.Interval.Low.Should().BeLessThanOrEqualTo(delta.Value).And.BeGreaterThanOrEqualTo(-1);
            delta.Interval.High.Should().BeGreaterThanOrEqualTo(delta.Value).And.BeLessThanOrEqualTo(1);
        }
    }

    [Fact]
    public void Cliffs_delta_interval_matches_cliffs_formula_on_a_small_example()
    {
        // Computed by hand from Cliff (1993): a = {1, 2, 3}, b = {2, 4}: d_ij rows (−1,−1), (0,−1), (1,−1); δ = −1/2.
        // Row means −1, −1/2, 0; column means 0, −1; Σ(d_i.−δ)² = 1/2, Σ(d_.j−δ)² = 1/2, ΣΣ(d_ij−δ)² = 5 − 6/4 = 7/2.
        // s² = (4·1/2 + 9·1/2 − 7/2) / (3·2·2·1) = 3/12, above the floor (1 − δ²)/(n1·n2 − 1) = 0.15.
        var delta = GroupComparison.Compare([1, 2, 3], [2, 4]).CliffsDelta;

        delta.Value.Should().Be(-0.5);
        var s2 = 3.0 / 12;
        var z = 1.959964;
        var root = z * Math.Sqrt(s2) * Math.Sqrt(Math.Pow(1 - 0.25, 2) + z * z * s2);
        var denominator = 1 - 0.25 + z * z * s2;
        delta.Interval.Low.Should().BeApproximately(Math.Max(-1, (-0.5 + 0.125 - root) / denominator), 1e-6);
        delta.Interval.High.Should().BeApproximately((-0.5 + 0.125 + root) / denominator, 1e-6);
    }

    [Fact]
    public void Cliffs_delta_of_completely_separated_groups_has_an_interval_next_to_it()
    {
        double[] low = [40, 41, 42, 43, 44, 45];
        double[] high = [50, 51, 52, 53, 54, 55, 56, 57];

        var delta = GroupComparison.Compare(low, high).CliffsDelta;

        delta.Value.Should().Be(-1);
        double.IsFinite(delta.Interval.High).Should().BeTrue();
        delta.Interval.Low.Should().Be(-1);
        delta.Interval.High.Should().BeInRange(-0.999, -0.5);
    }

    [Fact]
    public void Theil_sen_is_the_median_pairwise_slope_and_ignores_an_outlier()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [1, 2, 3, 4, 100];

        var fit = TheilSen.Fit(x, y);

        // Pairwise slopes: 1 six times, then 96, 48, 32 and 24 (pairs with the last point but one): median 1.
        fit.Slope.Should().Be(1);
        fit.Intercept.Should().Be(0, "median(y) − 1 · median(x) = 3 − 3");
        fit.KendallS.Should().Be(10, "every pair is concordant");
    }

    [Fact]
    public void Mann_kendall_matches_its_definition_on_a_short_series()
    {
        // S = concordant − discordant pairs; Var S = n(n−1)(2n+5)/18 = 10·9·25/18 = 125 for n = 10 without ties.
        double[] y = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5];
        var x = Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray();

        var fit = TheilSen.Fit(x, y);

        var s = 0;
        for (var i = 0; i < y.Length; i++) for (var j = i + 1; j < y.Length; j++) s += Math.Sign(y[j] - y[i]);
        fit.KendallS.Should().Be(s);
        var z = (s - Math.Sign(s)) / Math.Sqrt(125);
        fit.PValue.Should().BeApproximately(2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, Math.Abs(z))), 1e-12);
    }

    [Fact]
    public void Sens_interval_is_the_pair_slopes_at_the_ranks_the_variance_of_s_gives()
    {
        // n = 10 without ties: 45 slopes, C = 1.96 · sqrt(125) = 21.91; ranks (45 − 21.91)/2 = 11.54 and (45 + 21.91)/2 + 1 = 34.46.
        double[] y = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5];
        var x = Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray();
        var slopes = new List<double>();
        for (var i = 0; i < y.Length; i++) for (var j = i + 1; j < y.Length; j++) slopes.Add((y[j] - y[i]) / (j - i));
        slopes.Sort();
        var c = 1.959964 * Math.Sqrt(125);
        double At(double rank) => slopes[(int)rank - 1] + (rank - Math.Floor(rank)) * (slopes[(int)rank] - slopes[(int)rank - 1]);

        var fit = TheilSen.Fit(x, y);

        fit.Slope.Should().Be(slopes[22]);
        fit.Interval.Low.Should().BeApproximately(At((45 - c) / 2), 1e-6);
        fit.Interval.High.Should().BeApproximately(At((45 + c) / 2 + 1), 1e-6);
    }

    [Fact]
    public void Robust_baseline_is_the_median_plus_or_minus_k_scaled_mads()
    {
        // Median 5; absolute deviations 4,3,2,1,0,1,2,3,95: MAD 2, scaled 2.9652.
        var band = RobustBaseline.Of([1, 2, 3, 4, 5, 6, 7, 8, 100], 3)!;

        band.Median.Should().Be(5);
        band.ScaledMad.Should().BeApproximately(2 * 1.4826, 1e-12);
        band.Low.Should().BeApproximately(5 - 3 * 2 * 1.4826, 1e-12);
        band.High.Should().BeApproximately(5 + 3 * 2 * 1.4826, 1e-12);
        RobustBaseline.Of([4, 4, 4, 4], 3).Should().BeNull("a baseline that never varies cannot say what is unusual");
    }

    internal static double Normal(Random random, double mean, double sd) =>
        mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
