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
    /// The demo person (Helsinki, 400 days) whose data ends on <paramref name="lastDay"/>.
    /// </summary>
    public static IFakePerson CreateDemoPerson(DateOnly lastDay) => FakePeople.Demo(lastDay);
}
