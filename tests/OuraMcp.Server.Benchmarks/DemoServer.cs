using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Benchmarks;

/// <summary>The demo person's data (the real client over the in-process fake Oura), and servers that read it.</summary>
public static class DemoServer
{
    /// <summary>The settings of <c>--demo</c>: the demo person's time zone, every toolset, the default answer budget.</summary>
    public static ServerSettings Settings { get; } = new()
    {
        Demo = true,
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(DemoBackend.TimeZoneId),
    };

    /// <summary>The demo person's local today, the day their data ends.</summary>
    public static DateOnly Today =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Settings.TimeZone).DateTime);

    /// <summary>The real server composition whose Oura answers come from <paramref name="oura"/>.</summary>
    public static Task<InProcessServer> StartAsync(IOuraClient oura) =>
        InProcessServer.StartAsync(Settings, services => services.AddSingleton(oura));

    /// <summary>The real Oura client over the in-process fake, exactly as <c>--demo</c> builds it, and the fake itself.</summary>
    public static (IOuraClient Client, FakeOuraServer Fake, ServiceProvider Owner) CreateUpstream()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        OuraBackend.Configure(services, Settings);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOuraClient>(), provider.GetRequiredService<FakeOuraServer>(), provider);
    }
}
