using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class TimeSeriesTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Hourly_heart_rate_gives_min_mean_max_and_count_per_local_hour()
    {
        var buckets = (await _server.CallAsync("get_heart_rate", new { start_date = "2026-03-05", end_date = "2026-03-05" })).Items();

        buckets.Select(b => b.Str("time")).Should().Equal("2026-03-05T08:00+02:00", "2026-03-05T09:00+02:00");
        buckets.Select(b => (b.Num("min"), b.Num("mean"), b.Num("max"), b.Num("count"))).Should().Equal(
            (60, 69, 90, 4),
            (66, 91.5, 120, 4));
    }

    [Fact]
    public async Task Daily_heart_rate_is_one_bucket_per_local_day_and_names_days_without_samples()
    {
        var answer = (await _server.CallAsync("get_heart_rate", new { start_date = "2026-03-04", end_date = "2026-03-05", resolution = "daily" })).Structured();

        var bucket = answer.GetProperty("items").EnumerateArray().Single();
        bucket.Str("time").Should().Be("2026-03-05T00:00+02:00");
        bucket.Num("mean").Should().Be(80.3);
        bucket.Num("count").Should().Be(8);
        answer.GetProperty("missing_days").Strings().Should().Equal("2026-03-04");
    }

    [Fact]
    public async Task Raw_heart_rate_between_instants_keeps_each_sample_and_its_source()
    {
        var samples = (await _server.CallAsync("get_heart_rate", new
        {
            start_datetime = "2026-03-05T08:40:00+02:00", end_datetime = "2026-03-05T09:20:00+02:00", resolution = "raw",
        })).Items();

        samples.Select(s => (s.Str("time"), s.Num("bpm"), s.Str("source"))).Should().Equal(
            ("2026-03-05T08:45:00+02:00", 90, "workout"),
            ("2026-03-05T09:00:00+02:00", 120, "workout"),
            ("2026-03-05T09:15:00+02:00", 110, "workout"));
        var request = _server.Oura.Requests.Single().Request;
        request.Start.Should().Be(TestData.Local(5, 8, 40));
        request.End.Should().Be(TestData.Local(5, 9, 20));
    }

    [Fact]
    public async Task Heart_rate_source_filter_keeps_only_those_samples()
    {
        var buckets = (await _server.CallAsync("get_heart_rate", new { start_date = "2026-03-05", resolution = "daily", source = new[] { "workout" } })).Items();

        buckets.Single().Num("count").Should().Be(3);
        buckets.Single().Num("min").Should().Be(90);
    }

    [Fact]
    public async Task Heart_rate_defaults_to_the_last_24_hours()
    {
        await _server.CallAsync("get_heart_rate");

        var request = _server.Oura.Requests.Single().Request;
        request.End.Should().Be(TestData.Now);
        request.Start.Should().Be(TestData.Now.AddHours(-24));
    }

    [Fact]
    public async Task Five_minute_buckets_split_samples_by_local_wall_clock()
    {
        var buckets = (await _server.CallAsync("get_heart_rate", new { start_date = "2026-03-05", resolution = "5min" })).Items();

        buckets.Should().HaveCount(8);
        buckets[3].Str("time").Should().Be("2026-03-05T08:45+02:00");
        buckets[3].Num("count").Should().Be(1);
    }

    [Fact]
    public async Task Battery_latest_is_the_most_recent_reading()
    {
        var reading = (await _server.CallAsync("get_ring_battery", new { latest = true })).Items().Single();

        reading.Num("level").Should().Be(74);
        reading.GetProperty("charging").GetBoolean().Should().BeTrue();
        _server.Oura.Requests.Single().Request.Latest.Should().BeTrue();
    }

    [Fact]
    public async Task Hourly_battery_marks_buckets_where_the_ring_charged()
    {
        var buckets = (await _server.CallAsync("get_ring_battery", new { start_date = "2026-03-05" })).Items();

        buckets.Select(b => b.Num("mean")).Should().Equal(80, 76, 74);
        buckets[2].GetProperty("charging").GetBoolean().Should().BeTrue();
        buckets[0].TryGetProperty("charging", out _).Should().BeFalse();
    }
}
