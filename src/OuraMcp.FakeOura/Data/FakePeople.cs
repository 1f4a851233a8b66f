namespace OuraMcp.FakeOura.Data;

/// <summary>The synthetic people the fake Oura serves.</summary>
public static class FakePeople
{
    /// <summary>Days of data each built-in person has, ending on the last day.</summary>
    public const int DefaultDays = 400;

    public const int DemoSeed = 20260305;

    public const int SecondSeed = 7_101_977;

    /// <summary>
    /// The demo person: Helsinki, whose positive UTC offset and daylight saving time catch code that assumes UTC or a
    /// fixed offset; 400 days ending on <paramref name="lastDay"/>. <paramref name="effects"/> plants effects of a known
    /// size (none by default: the data the tests know).
    /// </summary>
    public static SyntheticPerson Demo(DateOnly lastDay, PlantedEffects? effects = null) =>
        new("demo", DemoSeed, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"), lastDay.AddDays(1 - DefaultDays), lastDay, effects);

    /// <summary>A second person on the US west coast (negative offset, different DST dates), with another seed.</summary>
    public static SyntheticPerson Second(DateOnly lastDay) =>
        Create("west", SecondSeed, "America/Los_Angeles", lastDay.AddDays(1 - DefaultDays), lastDay);

    /// <summary>A person in the IANA time zone <paramref name="ianaZone"/>.</summary>
    public static SyntheticPerson Create(string id, int seed, string ianaZone, DateOnly firstDay, DateOnly lastDay) =>
        new(id, seed, TimeZoneInfo.FindSystemTimeZoneById(ianaZone), firstDay, lastDay);
}
