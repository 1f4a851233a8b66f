using OuraMcp.FakeOura.Data;

namespace OuraMcp.FakeOura;

/// <summary>What the standalone fake serves when nothing else is configured.</summary>
public static class FakeDefaults
{
    /// <summary>The bearer token of the standalone fake's one demo account.</summary>
    public const string DemoToken = "demo";

    /// <summary>The standalone port.</summary>
    public const int Port = 5055;

    /// <summary>
    /// The demo person whose data ends on <paramref name="lastDay"/>. For now <see cref="MinimalPerson"/>; to be
    /// switched to <c>FakePeople.Demo(lastDay)</c> when the synthetic people are merged.
    /// </summary>
    public static IFakePerson CreateDemoPerson(DateOnly lastDay) => new MinimalPerson(lastDay);
}
