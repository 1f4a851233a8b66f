using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The one place that decides where the tools' data comes from: the demo person; a real Oura account, by
/// <c>OURA_ACCESS_TOKEN</c> (a static token, which wins) or else by the account signed in with <c>auth login</c>
/// (the shared token store, renewed as needed); or nowhere yet (signed out). Everything downstream only sees
/// <see cref="IOuraClient"/>. A backend registered before this runs (tests) wins.
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

        if (settings.HasCredentials)
        {
            services.TryAddSingleton<IOuraTokenProvider>(new StaticTokenProvider(settings.AccessToken));
        }
        else if (settings.AccountEnvironment is not null)
        {
            // Whether the account is signed in is asked of the store on each call, not decided here: a sign-in or a
            // damaged store then shows on the next tool call, without a restart and without failing start-up.
            services.TryAddSingleton<TokenRefreshCoordinator>();
            services.TryAddSingleton(sp => new StoredAccountTokenProvider(
                settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<TokenRefreshCoordinator>(), sp.GetService<ILoggerFactory>()));
            services.TryAddSingleton<IOuraTokenProvider>(sp => sp.GetRequiredService<StoredAccountTokenProvider>());
            // A sign-in from the chat writes to the store the tools read, through the provider that resolved it.
            services.TryAddSingleton(sp => new InChatSignIn(
                settings, sp.GetRequiredService<StoredAccountTokenProvider>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<TokenRefreshCoordinator>(), sp.GetService<ILoggerFactory>()));
        }
        else
        {
            services.TryAddSingleton<IOuraClient, SignedOutOuraClient>();
            return;
        }

        // Registered as factories: nothing of the HTTP stack is built until the first tool call needs it (cold start).
        services.AddOuraClient(o =>
        {
            o.BaseAddress = settings.BaseUrl;
            o.UseSandbox = settings.Sandbox;
        });
    }
}
