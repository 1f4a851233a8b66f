using System.Text.RegularExpressions;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class TimeTests
{
    [Fact]
    public void A_night_across_the_spring_change_carries_both_offsets()
    {
        // Helsinki moves from +02:00 to +03:00 at 03:00 local on 2025-03-30.
        var person = People.Demo;
        var day = new DateOnly(2025, 3, 30);
        var night = person.Models(OuraCatalog.Sleep).Single(s => s.Day == day && s.Type!.Value.Is(SleepType.LongSleep));
        var activity = person.Models(OuraCatalog.DailyActivity).Single(a => a.Day == day);
        var readiness = person.Models(OuraCatalog.DailyReadiness).Single(r => r.Day == day);

        night.BedtimeStart.Offset.Should().Be(TimeSpan.FromHours(2));
        night.BedtimeEnd.Offset.Should().Be(TimeSpan.FromHours(3));
        (night.BedtimeEnd - night.BedtimeStart).TotalSeconds.Should().Be(night.TimeInBed);
        activity.Timestamp.Should().Be(new DateTimeOffset(2025, 3, 30, 4, 0, 0, TimeSpan.FromHours(3)));
        readiness.Timestamp.Should().Be(new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)));
        person.Documents(OuraCatalog.HeartRate).Count(d => d.Day == day).Should().BeLessThanOrEqualTo(23 * 12, "the local day is 23 hours long");
        person.Models(OuraCatalog.SleepTime).Single(s => s.Day == day).OptimalBedtime!.DayTz.Should().Be(7200);
        person.Models(OuraCatalog.SleepTime).Single(s => s.Day == day.AddDays(1)).OptimalBedtime!.DayTz.Should().Be(10800);
    }

    [Fact]
    public void The_autumn_change_gives_a_25_hour_day_in_los_angeles()
    {
        // Los Angeles moves from -07:00 to -08:00 at 02:00 local on 2025-11-02.
        var person = People.Second;
        var day = new DateOnly(2025, 11, 2);
        var rows = person.Documents(OuraCatalog.HeartRate).Where(d => d.Day == day).ToList();
        var night = person.Models(OuraCatalog.Sleep).Single(s => s.Day == day && s.Type!.Value.Is(SleepType.LongSleep));

        rows[0].Instant.Should().Be(new DateTimeOffset(2025, 11, 2, 7, 0, 0, TimeSpan.Zero));
        (rows[^1].Instant - rows[0].Instant).Should().BeGreaterThan(TimeSpan.FromHours(24));
        night.BedtimeStart.Offset.Should().Be(TimeSpan.FromHours(-7));
        night.BedtimeEnd.Offset.Should().Be(TimeSpan.FromHours(-8));
        person.Models(OuraCatalog.DailyActivity).Single(a => a.Day == day).Timestamp.Offset.Should().Be(TimeSpan.FromHours(-8));
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Localized_times_carry_the_offset_in_force_at_that_instant(string id)
    {
        var person = People.ById(id);
        void Check(DateTimeOffset time) => time.Offset.Should().Be(person.TimeZone.GetUtcOffset(time.UtcDateTime), time.ToString("O"));

        foreach (var s in person.Models(OuraCatalog.Sleep)) { Check(s.BedtimeStart); Check(s.BedtimeEnd); }
        foreach (var w in person.Models(OuraCatalog.Workout)) { Check(w.StartDatetime); Check(w.EndDatetime); }
        foreach (var s in person.Models(OuraCatalog.Session)) { Check(s.StartDatetime); Check(s.HeartRate!.Timestamp); }
        foreach (var a in person.Models(OuraCatalog.DailyActivity)) Check(a.Timestamp);
        foreach (var v in person.Models(OuraCatalog.VO2Max)) Check(v.Timestamp);
        foreach (var p in person.Models(OuraCatalog.RestModePeriod)) { Check(p.StartTime!.Value); p.Episodes.ToList().ForEach(e => Check(e.Timestamp)); }
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Tag_times_are_local_wall_clock_text_without_offset(string id)
    {
        var person = People.ById(id);
        var local = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$");

        person.Models(OuraCatalog.Tag).Should().OnlyContain(t => local.IsMatch(t.Timestamp) && t.Timestamp.StartsWith(t.Day.ToString("yyyy-MM-dd")));
        var enhanced = person.Models(OuraCatalog.EnhancedTag);
        enhanced.Should().OnlyContain(t => local.IsMatch(t.StartTime) && t.StartTime.StartsWith(t.StartDay.ToString("yyyy-MM-dd"))
                                           && (t.EndTime == null) == (t.EndDay == null) && (t.EndTime == null || local.IsMatch(t.EndTime)));
        enhanced.Should().Contain(t => t.EndTime != null);
        enhanced.Should().OnlyContain(t => (t.TagTypeCode == "custom") == (t.CustomName != null));
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Documents_are_ordered_by_the_instant_Oura_filters_on(string id)
    {
        var person = People.ById(id);
        foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton))
            person.Documents(collection).Select(d => d.Instant).Should().BeInAscendingOrder(collection.Name);

        person.Documents(OuraCatalog.Sleep).Should().OnlyContain(d => d.Instant == ((SleepPeriod)d.Model).BedtimeStart);
        person.Documents(OuraCatalog.Workout).Should().OnlyContain(d => d.Instant == ((Workout)d.Model).StartDatetime);
        person.Documents(OuraCatalog.DailyActivity).Should().OnlyContain(d => d.Instant == ((DailyActivity)d.Model).Timestamp);
        person.Documents(OuraCatalog.HeartRate).Should().OnlyContain(d => d.Instant == ((HeartRateSample)d.Model).Timestamp);
        person.Documents(OuraCatalog.DailySleep).Should().OnlyContain(d =>
            d.Instant == new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), person.TimeZone.GetUtcOffset(d.Day.ToDateTime(TimeOnly.MinValue))));
    }

    [Fact]
    public void A_400_day_person_has_every_collection_and_heart_rate_every_five_minutes()
    {
        // How long building takes is measured by FakePersonBenchmarks (tests/OuraMcp.Benchmarks), not bounded here.
        var person = FakePeople.Create("speed", 99, "Europe/Helsinki", new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 4));

        person.Documents(OuraCatalog.HeartRate).Should().HaveCountGreaterThan(100_000);
        foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton)) person.Documents(collection).Should().NotBeEmpty(collection.Name);
    }
}
