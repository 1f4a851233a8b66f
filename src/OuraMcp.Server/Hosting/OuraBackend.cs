using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OuraMcp.Oura.Auth;
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
            // MERGE POINT (demo): register the in-process fake Oura with its demo person here.
            DemoBackendPlaceholder.Configure(services);
            return;
        }

        if (!settings.HasCredentials)
        {
            services.TryAddSingleton<IOuraClient, SignedOutOuraClient>();
            return;
        }

        services.TryAddSingleton<IOuraTokenProvider>(new StaticTokenProvider(settings.AccessToken));
        services.TryAddSingleton(new OuraClientOptions { BaseAddress = settings.BaseUrl, UseSandbox = settings.Sandbox });

        // MERGE POINT (real Oura): register OuraClient and its resilience pipeline here, with the token provider and
        // options above; it must create its HttpClient lazily (cold start).
        RealClientPlaceholder.Configure(services);
    }
}
