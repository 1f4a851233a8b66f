using System.Text.Json;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Data;

/// <summary>Planted effects change exactly what they name, by exactly their size, and nothing else.</summary>
public sealed class PlantedEffectsTests
{
    private static readonly DateOnly Last = new(2026, 3, 5);

    private static readonly SyntheticPerson Plain = FakePeople.Demo(Last);

    [Fact]
    public void The_default_demo_person_has_no_planted_effect()
    {
        var none = FakePeople.Demo(Last, PlantedEffects.None);

        foreach (var collection in new OuraCollection[] { OuraCatalog.Sleep, OuraCatalog.DailyActivity, OuraCatalog.DailyReadiness, OuraCatalog.Tag })
            Serialize(none, collection).Should().Be(Serialize(Plain, collection), collection.Name);
    }

    [Fact]
    public void A_step_trend_adds_its_steps_per_week_and_leaves_the_nights_alone()
    {
        var planted = FakePeople.Demo(Last, new PlantedEffects { StepsPerWeek = 70 });

        Serialize(planted, OuraCatalog.Sleep).Should().Be(Serialize(Plain, OuraCatalog.Sleep));
        var plain = Plain.Documents(OuraCatalog.DailyActivity).Select(d => (DailyActivity)d.Model).ToDictionary(a => a.Day);
        foreach (var day in planted.Documents(OuraCatalog.DailyActivity).Select(d => (DailyActivity)d.Model))
        {
            var weeks = (day.Day.DayNumber - Plain.FirstDay.DayNumber) / 7.0;
            day.Steps.Should().BeInRange(plain[day.Day].Steps + (int)(70 * weeks) - 1, plain[day.Day].Steps + (int)(70 * weeks) + 1, day.Day.ToString());
        }
    }

    [Fact]
    public void A_late_meal_effect_moves_only_the_hrv_of_the_nights_after_late_meals()
    {
        var planted = FakePeople.Demo(Last, new PlantedEffects { LateMealHrvMs = -10 });

        Serialize(planted, OuraCatalog.Tag).Should().Be(Serialize(Plain, OuraCatalog.Tag), "the same evenings have late meals");
        var lateMeals = Plain.Documents(OuraCatalog.Tag).Select(d => (Tag)d.Model).Where(t => t.Tags.Contains("tag_generic_late_meal")).Select(t => t.Day.AddDays(1)).ToHashSet();
        lateMeals.Should().NotBeEmpty();
        var plain = LongSleeps(Plain);
        foreach (var (day, hrv) in LongSleeps(planted))
        {
            if (lateMeals.Contains(day)) hrv.Should().BeInRange(plain[day] - 11, plain[day] - 9, day.ToString());
            else hrv.Should().Be(plain[day], day.ToString());
        }
    }

    private static Dictionary<DateOnly, int> LongSleeps(SyntheticPerson person) =>
        person.Documents(OuraCatalog.Sleep).Select(d => (SleepPeriod)d.Model).Where(p => p.Type is { } t && t.Is(SleepType.LongSleep))
            .ToDictionary(p => p.Day, p => p.AverageHrv!.Value);

    private static string Serialize(SyntheticPerson person, OuraCollection collection) =>
        string.Join("\n", person.Documents(collection).Select(d => JsonSerializer.Serialize(d.Model, OuraJson.Options.GetTypeInfo(d.Model.GetType()))));
}
