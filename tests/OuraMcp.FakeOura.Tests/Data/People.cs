using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Tests.Data;

/// <summary>The built-in people at a fixed last day, built once per test run (they are immutable and thread-safe).</summary>
internal static class People
{
    public static readonly DateOnly LastDay = new(2026, 3, 5);

    private static readonly Lazy<SyntheticPerson> LazyDemo = new(() => FakePeople.Demo(LastDay));
    private static readonly Lazy<SyntheticPerson> LazySecond = new(() => FakePeople.Second(LastDay));

    public static SyntheticPerson Demo => LazyDemo.Value;

    public static SyntheticPerson Second => LazySecond.Value;

    public static TheoryData<string> Both => new() { "demo", "west" };

    public static SyntheticPerson ById(string id) => id == "demo" ? Demo : Second;

    public static List<T> Models<T>(this IFakePerson person, OuraCollection<T> collection) =>
        person.Documents(collection).Select(d => (T)d.Model).ToList();
}
