using System.Text.Json;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;

namespace OuraMcp.FakeOura.Tests.Data;

public sealed class DeterminismTests
{
    private static readonly DateOnly First = new(2025, 10, 1);
    private static readonly DateOnly Last = new(2025, 11, 30);

    [Fact]
    public void Two_people_built_from_the_same_inputs_serialize_identically()
    {
        var a = FakePeople.Create("p", 42, "Europe/Helsinki", First, Last);
        var b = FakePeople.Create("p", 42, "Europe/Helsinki", First, Last);

        foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton))
            Serialize(a, collection).Should().Be(Serialize(b, collection), collection.Name);
        JsonSerializer.Serialize(a.PersonalInfo, OuraJson.Options).Should().Be(JsonSerializer.Serialize(b.PersonalInfo, OuraJson.Options));
    }

    [Fact]
    public void A_different_seed_or_id_gives_different_data()
    {
        var person = FakePeople.Create("p", 42, "Europe/Helsinki", First, Last);
        var otherSeed = FakePeople.Create("p", 43, "Europe/Helsinki", First, Last);
        var otherId = FakePeople.Create("q", 42, "Europe/Helsinki", First, Last);

        foreach (var collection in new OuraCollection[] { OuraCatalog.Sleep, OuraCatalog.HeartRate, OuraCatalog.DailyActivity, OuraCatalog.DailyReadiness })
        {
            Serialize(otherSeed, collection).Should().NotBe(Serialize(person, collection), collection.Name);
            Serialize(otherId, collection).Should().NotBe(Serialize(person, collection), collection.Name);
        }
    }

    [Fact]
    public void A_day_looks_the_same_whatever_range_it_is_asked_in()
    {
        var short_ = FakePeople.Create("p", 42, "Europe/Helsinki", new DateOnly(2025, 11, 1), Last);
        var long_ = FakePeople.Create("p", 42, "Europe/Helsinki", First, Last);

        foreach (var collection in new OuraCollection[] { OuraCatalog.DailySleep, OuraCatalog.DailyReadiness, OuraCatalog.DailyActivity, OuraCatalog.Workout, OuraCatalog.HeartRate })
        {
            var shortDays = short_.Documents(collection).Select(Json).ToList();
            var longDays = long_.Documents(collection).Where(d => d.Day >= short_.FirstDay).Select(Json).ToList();
            shortDays.Should().Equal(longDays, collection.Name);
        }
    }

    [Fact]
    public void Every_id_is_unique_within_a_person_and_rows_have_none()
    {
        var person = People.Demo;
        var ids = new List<string>();
        foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton))
        {
            var documents = person.Documents(collection);
            if (collection.Range == RangeKind.DateTimes) documents.Should().OnlyContain(d => d.Id == null, collection.Name);
            else
            {
                documents.Should().OnlyContain(d => d.Id != null && JsonSerializer.SerializeToElement(d.Model, d.Model.GetType(), OuraJson.Options).GetProperty("id").GetString() == d.Id, collection.Name);
                ids.AddRange(documents.Select(d => d.Id!));
            }
        }

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    }

    private static string Serialize(IFakePerson person, OuraCollection collection) =>
        string.Join("\n", person.Documents(collection).Select(Json));

    private static string Json(FakeDocument document) =>
        $"{document.Id}|{document.Day}|{document.Instant:O}|{JsonSerializer.Serialize(document.Model, document.Model.GetType(), OuraJson.Options)}";
}
