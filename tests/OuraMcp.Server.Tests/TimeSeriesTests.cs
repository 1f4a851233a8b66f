using System.Globalization;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>Heart rate and battery, bucketed by the person's local wall clock, against the fake person's samples.</summary>
public sealed class TimeSeriesTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone);

    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Daily_heart_rate_is_one_bucket_per_local_day_with_every_sample_of_that_day()
    {
        var first = ServerHarness.Today.AddDays(-3);
        var last = ServerHarness.Today.AddDays(-1);
        var buckets = (await _server.CallAsync("get_heart_rate", new { start_date = Day(first), end_date = Day(last), resolution = "daily" })).Items();

        var expected = Truth.Of(OuraCatalog.HeartRate)
            .GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Timestamp, Zone).DateTime))
            .Where(g => g.Key >= first && g.Key <= last)
            .OrderBy(g => g.Key)
            .Select(g => (Day(g.Key), (double?)g.Count(), (double?)Numbers.Round(g.Average(s => s.Bpm), 1)));
        buckets.Select(b => (b.Str("time")!, b.Num("count"), b.Num("mean"))).Should().Equal(expected, "a daily bucket is labelled with its local day");
    }

    [Fact]
    public async Task Heart_rate_source_filter_keeps_only_those_samples()
    {
        var day = ServerHarness.Today.AddDays(-1);
        var bucket = (await _server.CallAsync("get_heart_rate", new { start_date = Day(day), end_date = Day(day), resolution = "daily", source = new[] { "awake" } })).Items().Single();

        var awake = Truth.Of(OuraCatalog.HeartRate)
            .Where(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Timestamp, Zone).DateTime) == day && s.Source.Value == "awake").ToList();
        bucket.Num("count").Should().Be(awake.Count);
        bucket.Num("min").Should().Be(awake.Min(s => s.Bpm));
    }

    [Fact]
    public async Task Heart_rate_defaults_to_the_last_24_hours()
    {
        await _server.CallAsync("get_heart_rate");

        var request = _server.OuraRequests("heartrate").First();
        DateTimeOffset.Parse(request.Query["start_datetime"], CultureInfo.InvariantCulture).Should().Be(ServerHarness.Now.AddHours(-24));
        DateTimeOffset.Parse(request.Query["end_datetime"], CultureInfo.InvariantCulture).Should().Be(ServerHarness.Now);
    }

    [Fact]
    public async Task Five_minute_buckets_split_samples_by_local_wall_clock()
    {
        var start = new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.FromHours(2));
        var buckets = (await _server.CallAsync("get_heart_rate", new
        {
            start_datetime = start.ToString("O", CultureInfo.InvariantCulture), end_datetime = start.AddHours(1).ToString("O", CultureInfo.InvariantCulture), resolution = "5min",
        })).Items();

        var expected = Truth.Of(OuraCatalog.HeartRate).Where(s => s.Timestamp >= start && s.Timestamp < start.AddHours(1))
            .GroupBy(s => (int)(s.Timestamp - start).TotalMinutes / 5).OrderBy(g => g.Key)
            .Select(g => (start.AddMinutes(5 * g.Key).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), (double?)g.Count()));
        buckets.Select(b => (b.Str("time")!, b.Num("count"))).Should().Equal(expected);
    }

    [Fact]
    public async Task Hourly_battery_gives_the_mean_level_of_each_local_hour()
    {
        var day = ServerHarness.Today.AddDays(-1);
        var buckets = (await _server.CallAsync("get_ring_battery", new { start_date = Day(day), end_date = Day(day) })).Items();

        var expected = Truth.Of(OuraCatalog.RingBatteryLevel)
            .Select(b => (Local: TimeZoneInfo.ConvertTime(b.Timestamp, Zone), b.Level))
            .Where(b => DateOnly.FromDateTime(b.Local.DateTime) == day)
            .GroupBy(b => b.Local.Hour).OrderBy(g => g.Key)
            .Select(g => (double?)Numbers.Round(g.Average(b => b.Level), 1));
        buckets.Select(b => b.Num("mean")).Should().Equal(expected);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
