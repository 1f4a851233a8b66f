using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OuraMcp.FakeOura;
using OuraMcp.Oura;
using OuraMcp.Oura.Auth;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// <c>--demo</c>: the real client and pipeline talking to the fake Oura in process (no socket, no network, no account),
/// serving the synthetic demo person whose data ends today. Built on the first tool call, not at start-up.
/// </summary>
public static class DemoBackend
{
    /// <summary>Where the demo person lives.</summary>
    public const string TimeZoneId = "Europe/Helsinki";

    public static void Configure(IServiceCollection services, ServerSettings settings)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var clock = sp.GetRequiredService<TimeProvider>();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            var options = new FakeOuraOptions { TimeProvider = clock };
            options.Accounts.Add(new FakeAccount(FakeDefaults.DemoToken, FakeDefaults.CreateDemoPerson(today)));
            return FakeOuraServer.CreateInProcess(options);
        });
        services.TryAddSingleton<IOuraTokenProvider>(new StaticTokenProvider(FakeDefaults.DemoToken));
        services.AddOuraClient(
            o =>
            {
                o.BaseAddress = FakeOuraBaseAddress;
                o.UseSandbox = settings.Sandbox;
            },
            sp => sp.GetRequiredService<FakeOuraServer>().CreateHandler());
    }

    // The in-process fake answers any host; a fixed one keeps the options independent of building the fake.
    private static readonly Uri FakeOuraBaseAddress = new("http://localhost/");
}
