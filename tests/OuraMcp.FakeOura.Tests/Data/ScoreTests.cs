using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class ScoreTests
{
    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Scores_and_contributors_stay_in_their_documented_ranges(string id)
    {
        var person = People.ById(id);

        foreach (var s in person.Models(OuraCatalog.DailySleep)) { InRange(s.Score); InRange(s.Contributors); }
        foreach (var r in person.Models(OuraCatalog.DailyReadiness))
        {
            InRange(r.Score);
            InRange(r.Contributors);
            r.TemperatureDeviation.Should().BeInRange(-1.5, 2.5);
        }
        foreach (var a in person.Models(OuraCatalog.DailyActivity))
        {
            InRange(a.Score);
            InRange(a.Contributors);
            a.Class5Min.Should().HaveLength(288).And.MatchRegex("^[0-5]+$");
            (a.NonWearTime + a.RestingTime + a.SedentaryTime + a.LowActivityTime + a.MediumActivityTime + a.HighActivityTime).Should().Be(86400);
            a.NonWearTime.Should().Be(a.Class5Min!.Count(c => c == '0') * 300);
            a.Met.Interval.Should().Be(60);
            a.Met.Items.Should().HaveCount(1440);
            a.Met.Timestamp.Should().Be(a.Timestamp);
            a.Timestamp.TimeOfDay.Should().Be(TimeSpan.FromHours(4));
            DateOnly.FromDateTime(a.Timestamp.DateTime).Should().Be(a.Day);
            a.TotalCalories.Should().BeGreaterThan(a.ActiveCalories);
            a.MetersToTarget.Should().Be(Math.Max(0, a.TargetMeters - a.EquivalentWalkingDistance));
        }
        foreach (var s in person.Models(OuraCatalog.Sleep).Where(s => s.Readiness != null)) { InRange(s.Readiness!.Score); InRange(s.Readiness.Contributors); InRange(s.Efficiency); }
        person.Models(OuraCatalog.DailySpO2).Should().OnlyContain(s => s.BreathingDisturbanceIndex >= 0 && s.BreathingDisturbanceIndex <= 100
                                                                          && s.Spo2Percentage!.Average > 90 && s.Spo2Percentage.Average <= 100);
        person.Models(OuraCatalog.DailyCardiovascularAge).Should().OnlyContain(c => c.VascularAge >= 18 && c.VascularAge <= 100 && c.PulseWaveVelocity > 0);
        person.Models(OuraCatalog.DailyResilience).Should().OnlyContain(r =>
            r.Contributors.SleepRecovery >= 0 && r.Contributors.SleepRecovery <= 100 && r.Contributors.DaytimeRecovery >= 0
            && r.Contributors.DaytimeRecovery <= 100 && r.Contributors.Stress >= 0 && r.Contributors.Stress <= 100 && r.Level.Known != null);
        person.Models(OuraCatalog.DailyStress).Should().OnlyContain(s => s.StressHigh >= 0 && s.RecoveryHigh >= 0 && s.StressHigh + s.RecoveryHigh <= 86400);
        person.Models(OuraCatalog.VO2Max).Should().OnlyContain(v => v.Vo2Max >= 25 && v.Vo2Max <= 70);
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Daily_collections_cover_every_day_and_weekly_ones_every_week(string id)
    {
        var person = People.ById(id);
        var days = person.LastDay.DayNumber - person.FirstDay.DayNumber + 1;

        foreach (var collection in new OuraCollection[]
                 {
                     OuraCatalog.DailySleep, OuraCatalog.DailyReadiness, OuraCatalog.DailyActivity, OuraCatalog.DailyStress,
                     OuraCatalog.DailyResilience, OuraCatalog.DailySpO2, OuraCatalog.DailyCardiovascularAge, OuraCatalog.SleepTime,
                 })
            person.Documents(collection).Select(d => d.Day).Should().OnlyHaveUniqueItems().And.HaveCount(days, collection.Name);

        person.Documents(OuraCatalog.VO2Max).Count.Should().BeInRange(days / 7, days / 7 + 1);
        person.Models(OuraCatalog.VO2Max).Select(v => v.Day.DayOfWeek).Distinct().Should().ContainSingle();
        foreach (var collection in OuraCatalog.All.Where(c => c.Range == RangeKind.Dates))
            person.Documents(collection).Should().NotBeEmpty(collection.Name)
                .And.OnlyContain(d => d.Day >= person.FirstDay && d.Day <= person.LastDay, collection.Name);
    }

    [Theory]
    [MemberData(nameof(People.Both), MemberType = typeof(People))]
    public void Occasional_collections_come_at_a_plausible_rate(string id)
    {
        var person = People.ById(id);
        var months = (person.LastDay.DayNumber - person.FirstDay.DayNumber + 1) / 30.0;

        (person.Documents(OuraCatalog.Tag).Count / months).Should().BeInRange(1, 8);
        (person.Documents(OuraCatalog.EnhancedTag).Count / months).Should().BeInRange(1, 12);
        (person.Documents(OuraCatalog.Session).Count / months).Should().BeInRange(2, 12);
        person.Documents(OuraCatalog.RestModePeriod).Count.Should().BeInRange(1, 6);
        person.Models(OuraCatalog.RestModePeriod).Should().OnlyContain(p => p.Episodes.Count > 0 && (p.EndDay == null || p.EndDay > p.StartDay));
        var rings = person.Models(OuraCatalog.RingConfiguration);
        rings.Should().HaveCount(2);
        rings.Should().OnlyContain(r => r.SetUpAt!.Value.Offset == TimeSpan.Zero);
        rings[0].SetUpAt.Should().BeBefore(rings[1].SetUpAt!.Value);
        person.Models(OuraCatalog.Sleep).Select(s => s.RingId).Distinct().Should().HaveCount(2);
    }

    private static void InRange(int? score) => score.Should().NotBeNull().And.BeInRange(1, 100);

    private static void InRange(object contributors)
    {
        foreach (var property in contributors.GetType().GetProperties().Where(p => p.PropertyType == typeof(int?)))
            InRange((int?)property.GetValue(contributors));
    }
}
