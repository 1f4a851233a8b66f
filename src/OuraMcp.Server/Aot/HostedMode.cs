using System.Diagnostics.CodeAnalysis;

namespace OuraMcp.Server.Aot;

/// <summary>
/// Whether this build serves the HTTP mode. The Native AOT build (<c>-p:OuraAot=true</c>) turns it off: the hosted
/// endpoint's EF Core, OpenIddict and minimal-API JSON are not trim-safe, and with the switch fixed at publish time the
/// compiler leaves all of it out, so the stdio server it builds has no code that could fail for want of reflection
/// (docs/performance-server.md, Native AOT).
/// </summary>
internal static class HostedMode
{
    private const string Switch = "OuraMcp.HostedMode.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var supported) || supported;

    public const string NotInThisBuild =
        "This build of oura-mcp (Native AOT) serves stdio only. For --http, use the .NET tool (dotnet tool install -g OuraMcp), the Docker image or a ReadyToRun publish.";
}
