using System.Globalization;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// The two days a year Helsinki's clocks change, at every resolution: buckets are periods of real time. On the 25-hour
/// day (2025-10-26, clocks back from 04:00 to 03:00) the repeated hour is two buckets, each labelled with its offset; on
/// the 23-hour day (2025-03-30, clocks forward from 03:00 to 04:00) there is no 03:00 hour at all. The fake person's
/// 400 days hold both.
/// </summary>
public sealed class ClockChangeTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone);

    private static readonly DateOnly LongDay = new(2025, 10, 26);

    private static readonly DateOnly ShortDay = new(2025, 3, 30);

    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync(maxResponseTokens: 1_000_000);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, int, int> Days() => new()
    {
        // tool, day (0: the 25-hour day, 1: the 23-hour day), hours in it
        { "get_heart_rate", 0, 25 },
        { "get_heart_rate", 1, 23 },
        { "get_ring_battery", 0, 25 },
        { "get_ring_battery", 1, 23 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Hourly_buckets_are_real_hours_and_the_repeated_hour_is_two_buckets_with_their_offsets(string tool, int which, int hours)
    {
        var day = which == 0 ? LongDay : ShortDay;
        var buckets = (await _server.CallAsync(tool, new { start_date = Text(day), end_date = Text(day), resolution = "hourly" })).Items();

        var expected = Samples(tool, day).GroupBy(s => Floor(s.At, TimeSpan.FromHours(1))).OrderBy(g => g.Key).ToList();
        expected.Should().HaveCount(hours, "the fake has samples in every real hour of the day");
        buckets.Select(b => (b.Str("time")!, b.Num("count"))).Should().Equal(expected.Select(g => (Label(g.Key), (double?)g.Count())));
        var labels = buckets.Select(b => b.Str("time")!).ToList();
        if (which == 0) labels.Should().Contain(["2025-10-26T03:00+03:00", "2025-10-26T03:00+02:00"]).And.Contain("2025-10-26T04:00");
        else labels.Should().NotContain(l => l.StartsWith("2025-03-30T03:", StringComparison.Ordinal)).And.OnlyContain(l => l.Length == 16);
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Five_minute_buckets_are_real_five_minutes(string tool, int which, int hours)
    {
        var day = which == 0 ? LongDay : ShortDay;
        var buckets = (await _server.CallAsync(tool, new { start_date = Text(day), end_date = Text(day), resolution = "5min" })).Items();

        var expected = Samples(tool, day).GroupBy(s => Floor(s.At, TimeSpan.FromMinutes(5))).OrderBy(g => g.Key).ToList();
        buckets.Select(b => (b.Str("time")!, b.Num("count"))).Should().Equal(expected.Select(g => (Label(g.Key), (double?)g.Count())));
        var repeated = buckets.Count(b => b.Str("time")!.StartsWith("2025-10-26T03:", StringComparison.Ordinal));
        if (which == 0 && tool == "get_heart_rate") repeated.Should().Be(24, "twelve five-minute buckets in each pass of 03:00");
        buckets.Select(b => b.Str("time")).Should().OnlyHaveUniqueItems();
        _ = hours;
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task A_daily_bucket_is_the_whole_local_day_however_long(string tool, int which, int hours)
    {
        var day = which == 0 ? LongDay : ShortDay;
        var bucket = (await _server.CallAsync(tool, new { start_date = Text(day), end_date = Text(day), resolution = "daily" })).Items().Single();

        bucket.Str("time").Should().Be(Text(day));
        bucket.Num("count").Should().Be(Samples(tool, day).Count());
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        (end - start).Should().Be(TimeSpan.FromHours(hours));
    }

    [Fact]
    public async Task The_night_the_clocks_go_back_is_told_in_the_local_clock_with_two_buckets_for_the_repeated_hour()
    {
        var night = Truth.On(OuraCatalog.Sleep, LongDay, LongDay).Single(p => p.Type is { } t && t.Is(SleepType.LongSleep));
        night.BedtimeStart.Offset.Should().Be(TimeSpan.FromHours(3), "bedtime is before the change");
        var steps = Enumerable.Range(0, night.SleepPhase5Min!.Length).Select(i => night.BedtimeStart.AddMinutes(5 * i)).ToList();
        steps.Should().Contain(s => s.UtcDateTime < new DateTime(2025, 10, 26, 1, 0, 0)).And.Contain(s => s.UtcDateTime >= new DateTime(2025, 10, 26, 2, 0, 0),
            "the night spans both passes of 03:00 (00:00 to 02:00 UTC)");

        var raw = (await _server.CallAsync("get_sleep_series", new { start_date = Text(LongDay), end_date = Text(LongDay), resolution = "raw" })).Items();
        raw.Select(r => DateTimeOffset.Parse(r.Str("time")!, CultureInfo.InvariantCulture)).Should().Equal(steps, "every step at its real instant");
        raw.Select(r => r.Str("time")!).Should().Equal(steps.Select(s => TimeZoneInfo.ConvertTime(s, Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            "each step in the wall clock of its moment: +03:00 before the change, +02:00 after");

        foreach (var (resolution, size) in new[] { ("hourly", TimeSpan.FromHours(1)), ("5min", TimeSpan.FromMinutes(5)) })
        {
            var buckets = (await _server.CallAsync("get_sleep_series", new { start_date = Text(LongDay), end_date = Text(LongDay), resolution })).Items();
            var expected = steps.GroupBy(s => Floor(s, size)).OrderBy(g => g.Key).Select(g => Label(g.Key)).ToList();
            buckets.Select(b => b.Str("time")).Should().Equal(expected, resolution);
            if (resolution == "hourly") buckets.Select(b => b.Str("time")).Should().Contain(["2025-10-26T03:00+03:00", "2025-10-26T03:00+02:00"]);
        }

        var daily = (await _server.CallAsync("get_sleep_series", new { start_date = Text(LongDay), end_date = Text(LongDay), resolution = "daily" })).Items().Single();
        daily.Str("time").Should().Be(night.BedtimeStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
    }

    private static IEnumerable<(DateTimeOffset At, double Value)> Samples(string tool, DateOnly day)
    {
        var all = tool == "get_heart_rate"
            ? Truth.Of(OuraCatalog.HeartRate).Select(s => (s.Timestamp, (double)s.Bpm))
            : Truth.Of(OuraCatalog.RingBatteryLevel).Select(s => (s.Timestamp, (double)s.Level));
        return all.Where(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Item1, Zone).DateTime) == day);
    }

    /// <summary>Helsinki's offsets are whole hours, so its real hours and five minutes are UTC's.</summary>
    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan size) =>
        new(at.UtcTicks - at.UtcTicks % size.Ticks, TimeSpan.Zero);

    /// <summary>The wall clock at a bucket's start, with the offset only where the wall clock happens twice.</summary>
    private static string Label(DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone);
        var twice = local.DateTime >= new DateTime(2025, 10, 26, 3, 0, 0) && local.DateTime < new DateTime(2025, 10, 26, 4, 0, 0);
        return local.ToString(twice ? "yyyy-MM-dd'T'HH:mmzzz" : "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
