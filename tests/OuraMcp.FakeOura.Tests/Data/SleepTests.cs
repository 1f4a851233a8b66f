using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class SleepTests
{
    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Every_day_has_one_long_sleep_that_belongs_to_the_day_the_person_woke_up(string id)
    {
        var person = People.ById(id);
        var longSleeps = person.Models(OuraCatalog.Sleep).Where(s => s.Type!.Value.Is(SleepType.LongSleep)).ToList();

        longSleeps.Select(s => s.Day).Should().Equal(Days(person.FirstDay, person.LastDay));
        foreach (var sleep in longSleeps)
        {
            DateOnly.FromDateTime(sleep.BedtimeEnd.DateTime).Should().Be(sleep.Day);
            var bedtime = sleep.BedtimeStart.TimeOfDay.TotalHours;
            (bedtime >= 22.5 || bedtime <= 0.5).Should().BeTrue($"{sleep.Day} bedtime {sleep.BedtimeStart} is between 22:30 and 00:30");
            sleep.TimeInBed.Should().BeInRange(6 * 3600, 9 * 3600);
            sleep.Readiness.Should().NotBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Stages_hypnograms_and_samples_agree_with_time_in_bed(string id)
    {
        foreach (var sleep in People.ById(id).Models(OuraCatalog.Sleep))
        {
            var because = $"{sleep.Day} {sleep.Type}";
            var tib = sleep.TimeInBed;
            ((sleep.BedtimeEnd - sleep.BedtimeStart).TotalSeconds).Should().Be(tib, because);
            (sleep.DeepSleepDuration + sleep.LightSleepDuration + sleep.RemSleepDuration + sleep.AwakeTime).Should().Be(tib, because);
            (sleep.DeepSleepDuration + sleep.LightSleepDuration + sleep.RemSleepDuration).Should().Be(sleep.TotalSleepDuration, because);
            sleep.Latency.Should().BeLessThanOrEqualTo(sleep.AwakeTime!.Value, because);
            sleep.Efficiency.Should().Be((int)Math.Round(100.0 * sleep.TotalSleepDuration!.Value / tib), because);
            sleep.SleepPhase30Sec!.Length.Should().Be(tib / 30, because);
            sleep.Movement30Sec!.Length.Should().Be(tib / 30, because);
            sleep.SleepPhase5Min!.Length.Should().Be((tib + 299) / 300, because);
            sleep.SleepPhase30Sec.Count(c => c == '1').Should().Be(sleep.DeepSleepDuration / 30, because);
            sleep.SleepPhase30Sec.Should().MatchRegex("^[1-4]+$");
            sleep.Movement30Sec.Should().MatchRegex("^[1-4]+$");
            sleep.HeartRate!.Interval.Should().Be(300);
            sleep.HeartRate.Items.Should().HaveCount(sleep.SleepPhase5Min.Length, because);
            sleep.HeartRate.Timestamp.Should().Be(sleep.BedtimeStart);
            sleep.Hrv!.Items.Should().HaveCount(sleep.SleepPhase5Min.Length, because);
            sleep.LowestHeartRate.Should().Be((int)sleep.HeartRate.Items.Min()!.Value, because);
            ((double)sleep.LowestHeartRate!.Value).Should().BeLessThanOrEqualTo(sleep.AverageHeartRate!.Value, because);
        }
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Naps_are_short_afternoon_periods_numbered_after_the_night(string id)
    {
        var sleeps = People.ById(id).Models(OuraCatalog.Sleep);
        var naps = sleeps.Where(s => !s.Type!.Value.Is(SleepType.LongSleep)).ToList();

        naps.Select(s => s.Type!.Value.Known).Should().Contain([SleepType.Sleep, SleepType.Rest, SleepType.Deleted]);
        naps.Should().OnlyContain(s => s.TimeInBed <= 2 * 3600 && s.BedtimeStart.Hour >= 13 && s.BedtimeEnd.Hour < 21 && s.Readiness == null);
        foreach (var day in sleeps.GroupBy(s => s.Day))
            day.OrderBy(s => s.BedtimeStart).Select(s => s.Period).Should().Equal(Enumerable.Range(0, day.Count()));
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void The_long_sleep_embeds_the_days_readiness_and_daily_sleep_follows_it(string id)
    {
        var person = People.ById(id);
        var readiness = person.Models(OuraCatalog.DailyReadiness).ToDictionary(r => r.Day);
        var dailySleep = person.Models(OuraCatalog.DailySleep).ToDictionary(s => s.Day);
        var longSleeps = person.Models(OuraCatalog.Sleep).Where(s => s.Type!.Value.Is(SleepType.LongSleep)).ToList();

        foreach (var sleep in longSleeps)
        {
            sleep.Readiness!.Score.Should().Be(readiness[sleep.Day].Score);
            sleep.Readiness.Contributors.Should().BeEquivalentTo(readiness[sleep.Day].Contributors);
        }

        // Shorter nights score lower, on the night and in the next morning's readiness.
        var shortNights = longSleeps.Where(s => s.TotalSleepDuration < 6.3 * 3600).Select(s => s.Day).ToList();
        var longNights = longSleeps.Where(s => s.TotalSleepDuration > 7.5 * 3600).Select(s => s.Day).ToList();
        shortNights.Should().NotBeEmpty();
        longNights.Should().NotBeEmpty();
        shortNights.Average(d => dailySleep[d].Score!.Value).Should().BeLessThan(longNights.Average(d => dailySleep[d].Score!.Value) - 5);
        shortNights.Average(d => readiness[d].Score!.Value).Should().BeLessThan(longNights.Average(d => readiness[d].Score!.Value));
        shortNights.Average(d => dailySleep[d].Contributors.TotalSleep!.Value).Should().BeLessThan(longNights.Average(d => dailySleep[d].Contributors.TotalSleep!.Value));
    }

    [Fact]
    public void Late_nights_score_lower_timing()
    {
        var person = People.Demo;
        var dailySleep = person.Models(OuraCatalog.DailySleep).ToDictionary(s => s.Day);
        var nights = person.Models(OuraCatalog.Sleep).Where(s => s.Type!.Value.Is(SleepType.LongSleep)).ToList();
        var late = nights.Where(s => s.BedtimeStart.Hour == 0).Select(s => dailySleep[s.Day].Contributors.Timing!.Value).ToList();
        var early = nights.Where(s => s.BedtimeStart.Hour == 22).Select(s => dailySleep[s.Day].Contributors.Timing!.Value).ToList();

        late.Should().NotBeEmpty();
        late.Average().Should().BeLessThan(early.Average());
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1)) yield return day;
    }
}
