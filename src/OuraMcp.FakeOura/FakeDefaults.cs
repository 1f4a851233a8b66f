using OuraMcp.FakeOura.Data;

namespace OuraMcp.FakeOura;

/// <summary>What the standalone fake serves when nothing else is configured.</summary>
public static class FakeDefaults
{
    /// <summary>The bearer token of the standalone fake's one demo account.</summary>
    public const string DemoToken = "demo";

    /// <summary>The client id of the app registered with the fake's OAuth and webhook routes.</summary>
    public const string ClientId = "fake-client-id";

    /// <summary>The client secret of that app. Not a secret: the fake is a test double.</summary>
    public const string ClientSecret = "fake-client-secret";

    /// <summary>
    /// The loopback port <c>OuraMcp.Server auth login</c> listens on by default: the standalone fake registers the
    /// redirect URIs on it, as a developer registers them with their Oura app.
    /// </summary>
    public const int RedirectPort = 8765;

    /// <summary>The standalone port.</summary>
    public const int Port = 5055;

    /// <summary>
    /// The demo person (Helsinki, 400 days) whose data ends on <paramref name="lastDay"/>.
    /// </summary>
    public static IFakePerson CreateDemoPerson(DateOnly lastDay) => FakePeople.Demo(lastDay);
}
