using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The one place that decides where the tools' data comes from: the demo person, a real Oura account, or nowhere yet
/// (signed out). Everything downstream only sees <see cref="IOuraClient"/>. A backend registered before this runs
/// (tests) wins.
/// </summary>
public static class OuraBackend
{
    public static void Configure(IServiceCollection services, ServerSettings settings)
    {
        if (settings.Demo)
        {
            DemoBackend.Configure(services, settings);
            return;
        }

        if (!settings.HasCredentials)
        {
            services.TryAddSingleton<IOuraClient, SignedOutOuraClient>();
            return;
        }

        services.TryAddSingleton<IOuraTokenProvider>(new StaticTokenProvider(settings.AccessToken));
        // Registered as factories: nothing of the HTTP stack is built until the first tool call needs it (cold start).
        services.AddOuraClient(o =>
        {
            o.BaseAddress = settings.BaseUrl;
            o.UseSandbox = settings.Sandbox;
        });
    }
}
