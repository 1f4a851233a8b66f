using System.Globalization;
using System.Text.Json;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Analytics;

/// <summary>
/// The analytics tools through a real MCP client, the real server, client and pipeline, against the fake Oura: their
/// numbers against the ground truth computed here by brute force, and the effects planted in the demo person found
/// with the right sign and about the right size.
/// </summary>
public sealed class AnalyticsToolTests
{
    private static readonly DateOnly Today = ServerHarness.Today;
    private static readonly DateOnly YearAgo = Today.AddDays(-364);

    [Fact]
    public async Task Trend_is_the_median_of_the_pairwise_slopes_per_week_of_the_days_that_have_a_value()
    {
        await using var server = await ServerHarness.StartAsync();
        var first = Today.AddDays(-29);

        var answer = (await server.CallAsync("trend", new { metric = "readiness.score", start_date = Format(first), end_date = Format(Today) })).Structured();

        var truth = Truth.On(OuraCatalog.DailyReadiness, first, Today).Where(d => d.Score is not null)
            .Select(d => (Week: (d.Day.DayNumber - first.DayNumber) / 7.0, Value: (double)d.Score!.Value)).ToList();
        answer.GetProperty("n").GetInt32().Should().Be(truth.Count);
        answer.GetProperty("missing_days").GetInt32().Should().Be(30 - truth.Count);
        answer.GetProperty("slope_per_week").Num("value").Should().BeApproximately(MedianPairwiseSlope(truth), 0.01);
        answer.Str("method").Should().Contain("Theil–Sen").And.Contain("Sen's");
        answer.GetProperty("confidence").GetDouble().Should().Be(0.95);
    }

    [Fact]
    public async Task Missing_days_are_counted_and_left_out_never_taken_as_zero()
    {
        await using var server = await ServerHarness.StartAsync();
        // The demo person's data starts 399 days before today: the first 20 days of this range have none.
        var personFirst = ServerHarness.Person.FirstDay;
        var (first, last) = (personFirst.AddDays(-20), personFirst.AddDays(19));

        var answer = (await server.CallAsync("trend", new { metric = "activity.steps", start_date = Format(first), end_date = Format(last) })).Structured();

        answer.GetProperty("days").GetInt32().Should().Be(40);
        answer.GetProperty("n").GetInt32().Should().Be(20);
        answer.GetProperty("missing_days").GetInt32().Should().Be(20);
        var truth = Truth.On(OuraCatalog.DailyActivity, first, last)
            .Select(d => (Week: (d.Day.DayNumber - first.DayNumber) / 7.0, Value: (double)d.Steps)).ToList();
        answer.GetProperty("slope_per_week").Num("value").Should().BeApproximately(MedianPairwiseSlope(truth), 0.01);
    }

    [Fact]
    public async Task Too_little_data_is_said_instead_of_answered()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("trend", new { metric = "sleep.score", start_date = Format(Today.AddDays(-5)), end_date = Format(Today) });

        var answer = result.Structured();
        answer.GetProperty("enough_data").GetBoolean().Should().BeFalse();
        answer.TryGetProperty("slope_per_week", out _).Should().BeFalse();
        answer.Str("notice").Should().Contain("at least 10 days").And.Contain("has 6");
        result.Text().Should().Contain("Too little data");
    }

    [Fact]
    public async Task An_unknown_metric_is_an_error_that_lists_the_metrics()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("trend", new { metric = "readiness.hrv" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("readiness has these metrics").And.Contain("readiness.score".Split('.')[1]).And.Contain("contributors.hrv_balance");
    }

    [Fact]
    public async Task Compare_periods_gives_each_periods_n_and_mean_and_their_difference()
    {
        await using var server = await ServerHarness.StartAsync();
        var (start, end) = (Today.AddDays(-13), Today);

        var answer = (await server.CallAsync("compare_periods", new { metric = "sleep.score", start_date = Format(start), end_date = Format(end) })).Structured();

        double[] Scores(DateOnly a, DateOnly b) => Truth.On(OuraCatalog.DailySleep, a, b).Where(d => d.Score is not null).Select(d => (double)d.Score!.Value).ToArray();
        var period = Scores(start, end);
        var baseline = Scores(start.AddDays(-14), start.AddDays(-1));
        answer.GetProperty("baseline").Str("start").Should().Be(Format(start.AddDays(-14)), "the default baseline is as long as the period, just before it");
        answer.GetProperty("period").Num("n").Should().Be(period.Length);
        answer.GetProperty("baseline").Num("mean").Should().BeApproximately(baseline.Average(), 0.01);
        var difference = answer.GetProperty("difference");
        difference.GetProperty("mean_difference").Num("value").Should().BeApproximately(period.Average() - baseline.Average(), 0.01);
        var delta = period.Sum(x => baseline.Sum(y => Math.Sign(x - y))) / (double)(period.Length * baseline.Length);
        difference.GetProperty("cliffs_delta").Num("value").Should().BeApproximately(delta, 0.001);
    }

    [Fact]
    public async Task Tag_effect_finds_a_planted_drop_in_hrv_after_late_meals_with_its_size()
    {
        var effects = new PlantedEffects { LateMealHrvMs = -12, LateMealChance = 0.15 };
        await using var server = await StartWithAsync(effects);

        var answer = (await server.CallAsync("tag_effect", new
        {
            tag = "late meal", metric = "sleep.main.average_hrv", start_date = Format(YearAgo), end_date = Format(Today),
        })).Structured();

        answer.GetProperty("matched_tags").Strings().Should().Equal("tag_generic_late_meal");
        answer.GetProperty("after_tag").Num("n").Should().BeGreaterThan(30);
        var mean = answer.GetProperty("difference").GetProperty("mean_difference");
        mean.Num("value").Should().BeInRange(-15, -9, "12 ms were planted");
        mean.Num("high").Should().BeLessThan(0);
        answer.GetProperty("difference").GetProperty("hedges_g").Num("value").Should().BeLessThan(-0.8);
    }

    [Fact]
    public async Task Without_a_planted_effect_late_meals_leave_hrv_alone()
    {
        await using var server = await StartWithAsync(new PlantedEffects { LateMealChance = 0.15 });

        var answer = (await server.CallAsync("tag_effect", new
        {
            tag = "tag_generic_late_meal", metric = "sleep.main.average_hrv", start_date = Format(YearAgo), end_date = Format(Today),
        })).Structured();

        answer.GetProperty("difference").GetProperty("mean_difference").Num("value").Should().BeInRange(-3, 3);
    }

    [Fact]
    public async Task Trend_finds_a_planted_step_trend_with_its_size()
    {
        await using var planted = await StartWithAsync(new PlantedEffects { StepsPerWeek = 150 });
        await using var plain = await ServerHarness.StartAsync();
        var year = new { metric = "activity.steps", start_date = Format(YearAgo), end_date = Format(Today) };

        var withTrend = (await planted.CallAsync("trend", year)).Structured();
        var without = (await plain.CallAsync("trend", year)).Structured();

        withTrend.Str("direction").Should().Be("rising");
        var added = withTrend.GetProperty("slope_per_week").Num("value")!.Value - without.GetProperty("slope_per_week").Num("value")!.Value;
        added.Should().BeInRange(120, 180, "150 steps a week were planted");
        withTrend.GetProperty("slope_per_week").Num("low").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Correlate_finds_a_planted_lagged_effect_of_hard_workouts_on_readiness()
    {
        await using var server = await StartWithAsync(new PlantedEffects { HardWorkoutReadiness = -10, HardWorkoutLagDays = 2 });

        var answer = (await server.CallAsync("correlate", new
        {
            x_metric = "activity.high_activity_seconds", y_metric = "readiness.score", start_date = Format(YearAgo), end_date = Format(Today),
        })).Structured();

        var lags = answer.GetProperty("lags").EnumerateArray().ToList();
        lags.Should().HaveCount(8);
        var lag2 = lags.Single(l => l.GetProperty("lag").GetInt32() == 2);
        lag2.GetProperty("significant").GetBoolean().Should().BeTrue();
        lag2.GetProperty("rho").Num("value").Should().BeInRange(-0.7, -0.2);
        lag2.GetProperty("rho").Num("high").Should().BeLessThan(0);
        answer.GetProperty("strongest_lag").GetInt32().Should().Be(2);
        answer.Str("method").Should().Contain("Bonferroni");
    }

    [Fact]
    public async Task Anomalies_find_the_fever_of_each_rest_mode_period_in_body_temperature()
    {
        await using var server = await ServerHarness.StartAsync();

        var answer = (await server.CallAsync("anomalies", new { metric = "readiness.temperature_deviation", start_date = Format(YearAgo), end_date = Format(Today) })).Structured();

        var high = answer.GetProperty("anomalies").EnumerateArray().Where(a => a.Str("direction") == "high").Select(a => Truth.Day(a.Str("day")!)).ToHashSet();
        var ill = Truth.On(OuraCatalog.RestModePeriod, YearAgo.AddDays(28), Today).Select(p => p.StartDay).ToList();
        ill.Should().NotBeEmpty("the demo person is ill now and then");
        ill.Should().OnlyContain(day => high.Contains(day), "the fever starts on the first day of rest mode");
        answer.GetProperty("window_days").GetInt32().Should().Be(28);
        answer.GetProperty("days_judged").GetInt32().Should().BeGreaterThan(300);
        answer.GetProperty("expected_rate").GetDouble().Should().BeInRange(0.003, 0.03);
    }

    [Fact]
    public async Task Tag_effect_says_which_tags_exist_when_none_matches()
    {
        await using var server = await ServerHarness.StartAsync();

        var answer = (await server.CallAsync("tag_effect", new { tag = "marathon", metric = "readiness.score" })).Structured();

        answer.GetProperty("enough_data").GetBoolean().Should().BeFalse();
        answer.Str("notice").Should().Contain("No tag matching 'marathon'").And.Contain("tag_generic_");
    }

    private static Task<ServerHarness> StartWithAsync(PlantedEffects effects)
    {
        var person = FakePeople.Demo(Today, effects);
        return ServerHarness.StartAsync(fake: options =>
        {
            options.Accounts.Clear();
            options.Accounts.Add(new FakeAccount(ServerHarness.Token, person));
        });
    }

    private static double MedianPairwiseSlope(List<(double Week, double Value)> points)
    {
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
            for (var j = i + 1; j < points.Count; j++)
                slopes.Add((points[j].Value - points[i].Value) / (points[j].Week - points[i].Week));
        slopes.Sort();
        return slopes.Count % 2 == 1 ? slopes[slopes.Count / 2] : (slopes[slopes.Count / 2 - 1] + slopes[slopes.Count / 2]) / 2;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
