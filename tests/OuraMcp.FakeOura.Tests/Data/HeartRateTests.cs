using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class HeartRateTests
{
    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Rows_come_every_five_minutes_in_utc_with_gaps_only_where_the_ring_was_off(string id)
    {
        var person = People.ById(id);
        var rows = person.Models(OuraCatalog.HeartRate);
        var activity = person.Models(OuraCatalog.DailyActivity);

        rows.Should().OnlyContain(r => r.Timestamp.Offset == TimeSpan.Zero && r.TimestampUnix == r.Timestamp.ToUnixTimeMilliseconds());
        rows.Should().OnlyContain(r => r.Timestamp.Minute % 5 == 0 && r.Timestamp.Second == 0);
        var gaps = rows.Zip(rows.Skip(1), (a, b) => b.Timestamp - a.Timestamp).ToList();
        gaps.Should().OnlyContain(g => g >= TimeSpan.FromMinutes(5) && g <= TimeSpan.FromHours(2));
        var missing = gaps.Sum(g => g.TotalMinutes / 5 - 1);
        var nonWear = activity.Sum(a => a.NonWearTime) / 300.0;
        missing.Should().BeGreaterThan(0);
        missing.Should().BeApproximately(nonWear, nonWear * 0.1, "heart-rate gaps are the daily activity's non-wear time");

        var zone = person.TimeZone;
        var first = new DateTimeOffset(person.FirstDay.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(person.FirstDay.ToDateTime(TimeOnly.MinValue)));
        rows[0].Timestamp.Should().BeOnOrAfter(first);
        person.Documents(OuraCatalog.HeartRate).Should().OnlyContain(d => d.Day >= person.FirstDay && d.Day <= person.LastDay && d.Id == null);
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Heart_rate_during_sleep_is_lower_and_marked_sleep(string id)
    {
        var person = People.ById(id);
        // The night that starts on the evening of the last day has no document yet (it belongs to the next day).
        var rows = person.Documents(OuraCatalog.HeartRate).Where(d => d.Day < person.LastDay).Select(d => (HeartRateSample)d.Model).ToList();
        var sleeps = person.Models(OuraCatalog.Sleep).Where(s => !s.Type!.Value.Is(SleepType.Deleted)).ToList();

        var asleep = rows.Where(r => sleeps.Any(s => r.Timestamp >= s.BedtimeStart && r.Timestamp < s.BedtimeEnd)).ToList();
        var awake = rows.Where(r => r.Source.Is(HeartRateSource.Awake)).ToList();

        asleep.Should().OnlyContain(r => r.Source.Is(HeartRateSource.Sleep));
        rows.Count(r => r.Source.Is(HeartRateSource.Sleep)).Should().Be(asleep.Count);
        asleep.Average(r => r.Bpm).Should().BeLessThan(awake.Average(r => r.Bpm) - 10);
        foreach (var night in sleeps.Where(s => s.Type!.Value.Is(SleepType.LongSleep)).Take(30))
        {
            var bpm = rows.Where(r => r.Timestamp >= night.BedtimeStart && r.Timestamp < night.BedtimeEnd).Select(r => r.Bpm).ToList();
            bpm.Min().Should().BeGreaterThanOrEqualTo(night.LowestHeartRate!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Heart_rate_during_workouts_and_sessions_is_marked_so_and_workouts_run_higher(string id)
    {
        var person = People.ById(id);
        var rows = person.Models(OuraCatalog.HeartRate);
        var workouts = person.Models(OuraCatalog.Workout);
        var sessions = person.Models(OuraCatalog.Session);

        workouts.Should().NotBeEmpty();
        sessions.Should().NotBeEmpty();
        var during = rows.Where(r => workouts.Any(w => r.Timestamp >= w.StartDatetime && r.Timestamp < w.EndDatetime)).ToList();
        during.Should().OnlyContain(r => r.Source.Is(HeartRateSource.Workout));
        rows.Count(r => r.Source.Is(HeartRateSource.Workout)).Should().Be(during.Count);
        during.Average(r => r.Bpm).Should().BeGreaterThan(rows.Where(r => r.Source.Is(HeartRateSource.Awake)).Average(r => r.Bpm) + 20);
        rows.Where(r => sessions.Any(s => r.Timestamp >= s.StartDatetime && r.Timestamp < s.EndDatetime))
            .Should().OnlyContain(r => r.Source.Is(HeartRateSource.Session));
        rows.Should().Contain(r => r.Source.Is(HeartRateSource.Rest));
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Workouts_belong_to_their_local_day_and_a_few_happen_each_week(string id)
    {
        var person = People.ById(id);
        var workouts = person.Models(OuraCatalog.Workout);

        workouts.Should().OnlyContain(w => DateOnly.FromDateTime(w.StartDatetime.DateTime) == w.Day && w.EndDatetime > w.StartDatetime);
        workouts.Should().OnlyContain(w => w.Intensity.Known != null && w.Source.Known != null && w.Calories > 0);
        var perWeek = workouts.Count / ((person.LastDay.DayNumber - person.FirstDay.DayNumber + 1) / 7.0);
        perWeek.Should().BeInRange(1.5, 5);
    }
}
