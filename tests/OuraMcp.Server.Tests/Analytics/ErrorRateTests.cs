using OuraMcp.Server.Analytics;
using OuraMcp.Server.Analytics.Statistics;

namespace OuraMcp.Server.Tests.Analytics;

/// <summary>
/// Over many seeds of effect-free data, the methods report effects no more often than their stated error rate (5%
/// for each interval, 5% family-wise for correlate's lags), and their intervals cover a true effect as often as they
/// claim. 400 seeds: a true rate of 5% is seen above 8% with probability under 0.5%.
/// </summary>
public sealed class ErrorRateTests
{
    private const int Seeds = 400;

    private const double Allowed = 0.08;

    [Fact]
    public void Trend_finds_a_slope_in_flat_noise_at_most_at_its_error_rate()
    {
        var found = Count(random =>
        {
            var x = Enumerable.Range(0, 60).Select(i => i / 7.0).ToArray();
            var y = x.Select(_ => StatisticsTests.Normal(random, 50, 8)).ToArray();
            return TheilSen.Fit(x, y).Interval.Excludes(0);
        });

        found.Should().BeLessThanOrEqualTo(Allowed);
    }

    [Fact]
    public void Sens_interval_covers_the_true_slope_about_as_often_as_it_claims()
    {
        var covered = Count(random =>
        {
            var x = Enumerable.Range(0, 60).Select(i => i / 7.0).ToArray();
            var y = x.Select(w => 50 + 1.5 * w + StatisticsTests.Normal(random, 0, 8)).ToArray();
            return !TheilSen.Fit(x, y).Interval.Excludes(1.5);
        });

        covered.Should().BeGreaterThanOrEqualTo(1 - Allowed);
    }

    [Fact]
    public void Group_differences_find_an_effect_between_equal_groups_at_most_at_their_error_rate()
    {
        var means = 0;
        var medians = 0;
        var g = 0;
        var delta = 0;
        var random = new Random(11);
        for (var seed = 0; seed < Seeds; seed++)
        {
            var a = Enumerable.Range(0, 30).Select(_ => Math.Round(StatisticsTests.Normal(random, 60, 10))).ToArray();
            var b = Enumerable.Range(0, 45).Select(_ => Math.Round(StatisticsTests.Normal(random, 60, 10))).ToArray();
            var c = GroupComparison.Compare(a, b);
            if (c.MeanDifference.Interval.Excludes(0)) means++;
            if (c.MedianDifference.Interval.Excludes(0)) medians++;
            if (c.HedgesG!.Interval.Excludes(0)) g++;
            if (c.CliffsDelta.Interval.Excludes(0)) delta++;
        }

        ((double)means / Seeds).Should().BeLessThanOrEqualTo(Allowed, "Welch");
        ((double)medians / Seeds).Should().BeLessThanOrEqualTo(Allowed, "bootstrap median difference");
        ((double)g / Seeds).Should().BeLessThanOrEqualTo(Allowed, "Hedges' g");
        ((double)delta / Seeds).Should().BeLessThanOrEqualTo(Allowed, "Cliff's delta");
    }

    [Fact]
    public void Correlation_over_eight_lags_finds_one_in_independent_series_at_most_at_the_family_wise_rate()
    {
        var found = Count(random =>
        {
            var start = new DateOnly(2026, 1, 1);
            var range = new Querying.DayRange(start, start.AddDays(89));
            var days = new Querying.DayRange(start.AddDays(-7), range.End).EachDay().ToList();
            var x = Series("x", days, random);
            var y = Series("y", days, random);
            return CorrelationAnalysis.Analyse(x, y, range, 7, "UTC").Lags.Any(l => l.Significant);
        });

        found.Should().BeLessThanOrEqualTo(Allowed);
    }

    [Fact]
    public void Anomalies_flag_ordinary_noise_about_as_rarely_as_stated()
    {
        var flagged = 0;
        var judged = 0;
        var expected = 0.0;
        var random = new Random(5);
        for (var seed = 0; seed < 100; seed++)
        {
            var start = new DateOnly(2026, 1, 1);
            var range = new Querying.DayRange(start, start.AddDays(89));
            var series = Series("m", new Querying.DayRange(start.AddDays(-28), range.End).EachDay().ToList(), random);
            var answer = AnomalyAnalysis.Analyse(series, range, 28, 3, "UTC");
            flagged += answer.Anomalies.Count;
            judged += answer.DaysJudged;
            expected += answer.ExpectedRate * answer.DaysJudged;
        }

        // 0.27% for normal noise with a known baseline; estimated from about 25 days, the band itself varies and about 1.7% is stated.
        ((double)flagged / judged).Should().BeLessThanOrEqualTo(1.25 * expected / judged);
    }

    private static DailySeries Series(string name, List<DateOnly> days, Random random) =>
        new(new DailyMetric(name, "t", name), new Querying.DayRange(days[0], days[^1]),
            days.Where(_ => random.NextDouble() > 0.1).ToDictionary(d => d, _ => Math.Round(StatisticsTests.Normal(random, 50, 10))));

    private static double Count(Func<Random, bool> trial)
    {
        var random = new Random(3);
        var hits = 0;
        for (var seed = 0; seed < Seeds; seed++) if (trial(random)) hits++;
        return (double)hits / Seeds;
    }
}
