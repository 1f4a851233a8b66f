using OuraMcp.FakeOura.Data;

namespace OuraMcp.FakeOura.Tests.Data;

/// <summary>The built-in people at a fixed last day, built once per test run (they are immutable and thread-safe).</summary>
internal static class People
{
    public static readonly DateOnly LastDay = new(2026, 3, 5);

    private static readonly Lazy<SyntheticPerson> LazyDemo = new(() => FakePeople.Demo(LastDay));
    private static readonly Lazy<SyntheticPerson> LazySecond = new(() => FakePeople.Second(LastDay));

    public static SyntheticPerson Demo => LazyDemo.Value;

    public static SyntheticPerson Second => LazySecond.Value;

    public static IEnumerable<object[]> Both() => [["demo"], ["west"]];

    public static SyntheticPerson ById(string id) => id == "demo" ? Demo : Second;
}
