using System.Globalization;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>The samples and hypnogram inside Oura's sleep documents, step by step and bucketed, against the fake person's nights.</summary>
public sealed class SleepSeriesTests : IAsyncLifetime
{
    private static readonly string[] Stages = ["", "deep", "light", "rem", "awake"];

    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static DateOnly Night => ServerHarness.Today.AddDays(-1);

    private static SleepPeriod MainSleep(DateOnly day) =>
        Truth.On(OuraCatalog.Sleep, day, day).Single(p => p.Type is { } t && t.Is(SleepType.LongSleep));

    [Fact]
    public async Task Raw_rows_are_the_main_sleeps_five_minute_steps_with_their_samples_and_stage()
    {
        var rows = (await _server.CallAsync("get_sleep_series", new { start_date = Day(Night), end_date = Day(Night), resolution = "raw" })).Items();

        var night = MainSleep(Night);
        var phases = night.SleepPhase5Min!;
        rows.Should().HaveCount(phases.Length);
        for (var i = 0; i < phases.Length; i++)
        {
            rows[i].Str("day").Should().Be(Day(Night));
            DateTimeOffset.Parse(rows[i].Str("time")!, CultureInfo.InvariantCulture).Should().Be(night.BedtimeStart.AddMinutes(5 * i));
            rows[i].Num("heart_rate").Should().Be(night.HeartRate!.Items[i], $"step {i}");
            rows[i].Num("hrv").Should().Be(night.Hrv!.Items[i], $"step {i}");
            rows[i].Str("stage").Should().Be(Stages[phases[i] - '0'], $"step {i}");
        }
    }

    [Fact]
    public async Task Hourly_buckets_give_heart_rate_and_hrv_statistics_and_the_time_in_each_stage_per_local_hour()
    {
        var result = await _server.CallAsync("get_sleep_series", new { start_date = Day(Night), end_date = Day(Night) });
        var buckets = result.Items();

        var night = MainSleep(Night);
        var steps = Enumerable.Range(0, night.SleepPhase5Min!.Length)
            .Select(i => (At: night.BedtimeStart.AddMinutes(5 * i), Heart: night.HeartRate!.Items[i], Hrv: night.Hrv!.Items[i], Stage: Stages[night.SleepPhase5Min[i] - '0']))
            .GroupBy(s => new DateTime(s.At.Year, s.At.Month, s.At.Day, s.At.Hour, 0, 0))
            .OrderBy(g => g.Key)
            .ToList();
        buckets.Select(b => b.Str("time")).Should().Equal(steps.Select(g => g.Key.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        foreach (var (bucket, hour) in buckets.Zip(steps))
        {
            var heart = hour.Where(s => s.Heart is not null).Select(s => s.Heart!.Value).ToList();
            var hrv = hour.Where(s => s.Hrv is not null).Select(s => s.Hrv!.Value).ToList();
            bucket.Num("heart_rate_min").Should().Be(heart.Min());
            bucket.Num("heart_rate_mean").Should().Be(Numbers.Round(heart.Average(), 1));
            bucket.Num("heart_rate_max").Should().Be(heart.Max());
            bucket.Num("count").Should().Be(heart.Count);
            bucket.Num("hrv_mean").Should().Be(Numbers.Round(hrv.Average(), 1));
            foreach (var stage in Stages[1..])
            {
                var seconds = hour.Count(s => s.Stage == stage) * 300;
                bucket.Num(stage + "_seconds").Should().Be(seconds == 0 ? null : seconds, $"{stage} in {hour.Key:HH:mm}");
            }
        }

        result.TextRows().Select(l => l["deep (h:mm)"]).Should().Equal(
            buckets.Select(b => b.Num("deep_seconds") is { } s ? Durations.HoursMinutes((int)s) : ""), "the text gives stage times as h:mm");
    }

    [Fact]
    public async Task Daily_is_one_row_per_sleep_period_naps_included_when_asked_each_naming_its_period()
    {
        var first = Night.AddDays(-20);
        var rows = (await _server.CallAsync("get_sleep_series", new { start_date = Day(first), end_date = Day(Night), resolution = "daily", include_naps = true })).Items();

        var periods = Truth.On(OuraCatalog.Sleep, first, Night).Where(p => p.Type is not { } t || !t.Is(SleepType.Deleted))
            .OrderBy(p => p.Day).ThenBy(p => p.BedtimeStart).ToList();
        periods.Should().Contain(p => p.Type!.Value.Value != "long_sleep", "the month has naps to list");
        rows.Select(r => (r.Str("day"), r.Str("period"), r.Str("time"))).Should().Equal(
            periods.Select(p => ((string?)Day(p.Day), (string?)p.Type!.Value.Value, (string?)p.BedtimeStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture))));
        foreach (var (row, period) in rows.Zip(periods))
        {
            row.Num("deep_seconds").Should().Be(period.SleepPhase5Min!.Count(c => c == '1') * 300 is var deep && deep > 0 ? deep : null);
            row.Num("count").Should().Be(period.HeartRate!.Items.Count(v => v is not null));
        }
    }

    [Fact]
    public async Task Without_naps_each_night_gives_only_its_main_sleep_and_no_period_column()
    {
        var first = Night.AddDays(-20);
        var answer = (await _server.CallAsync("get_sleep_series", new { start_date = Day(first), end_date = Day(Night), resolution = "daily" })).Structured();

        answer.GetProperty("columns").Strings().Should().NotContain("period");
        answer.Items().Select(r => r.Str("time")).Should().Equal(
            Truth.On(OuraCatalog.Sleep, first, Night).Where(p => p.Type is { } t && t.Is(SleepType.LongSleep)).OrderBy(p => p.Day)
                .Select(p => p.BedtimeStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Raw_steps_over_more_than_a_month_are_refused_with_the_limit()
    {
        var result = await _server.CallAsync("get_sleep_series", new { start_date = "2026-01-01", end_date = "2026-03-05", resolution = "raw" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("31");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
