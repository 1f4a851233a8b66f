using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.History.Storage;
using OuraMcp.Hosting;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Hosting.OAuth.Account;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Http;

/// <summary>
/// <c>--auth oauth</c>: many people, each signed in to Oura through the endpoint's authorization server. Their Oura
/// tokens live in the token store (<c>OURA_TOKEN_STORE</c>) under ids derived from their Oura user ids; the app's
/// credentials (<c>OURA_CLIENT_ID</c>, <c>OURA_CLIENT_SECRET</c>) and Oura's endpoints (<c>OURA_AUTHORIZE_URL</c>,
/// <c>OURA_TOKEN_URL</c>) come from the environment; <c>OURA_HISTORY_STORE</c>, when set, is where their stored history is
/// (the account page's "delete all my data" empties it).
/// </summary>
internal static class OAuthPeople
{
    /// <summary>Requests the Oura app may send per 5 minutes, all people (and all instances) together; Oura's limit by default.</summary>
    public const string AppRateLimitVariable = "OURA_APP_RATE_LIMIT";

    /// <summary>Why this server cannot sign people in to Oura, or null when it can.</summary>
    public static string? Problem(ServerSettings settings, Func<string, string?> environment)
    {
        if (AppRateLimit(environment) is null)
            return $"{AppRateLimitVariable} must be a whole number of requests per 5 minutes, at least 1 (Oura allows an app 5000).";
        if (settings.Demo) return "--auth oauth signs real people in to Oura; it does not serve the demo person. Leave out --demo, or use --demo with --auth none.";
        try
        {
            return OuraOAuthOptions.FromEnvironment(environment) is null
                ? "--auth oauth needs the Oura app this server signs people in with: set OURA_CLIENT_ID and OURA_CLIENT_SECRET (from Oura's developer portal), " +
                  "and register <public-url>" + "/oauth/oura/callback as its redirect URI."
                : null;
        }
        catch (UriFormatException)
        {
            return "OURA_AUTHORIZE_URL, OURA_TOKEN_URL or OURA_NEW_PORTAL_TOKEN_URL is not an absolute URL: fix it and start again.";
        }
    }

    public static IServiceCollection AddOuraPeople(this IServiceCollection services, ServerSettings settings, HttpListenOptions listen)
    {
        var environment = settings.AccountEnvironment ?? Environment.GetEnvironmentVariable;
        var oauthOptions = OuraOAuthOptions.FromEnvironment(environment) ?? throw new InvalidOperationException(Problem(settings, environment));
        var storeOptions = FileTokenStoreOptions.FromEnvironment(environment);
        services.AddSingleton(sp => TokenStores.Create(storeOptions, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TokenRefreshCoordinator>();
        // Its own client, outside the Oura data pipeline: the token endpoint takes the app's credentials, never a bearer.
        services.AddSingleton(sp => new OAuthClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, oauthOptions,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<OAuthClient>()));
        var appLimit = AppRateLimit(environment)!.Value;
        services.Configure<OuraClientOptions>(o => o.PerApplicationRequestLimit = appLimit);
        if (listen.OAuthPostgres is { } postgres)
        {
            // Instances on one PostgreSQL spend one app budget; the people's own buckets stay in each process.
            services.AddSingleton<ISharedApplicationBudget>(sp => new PostgresApplicationBudget(postgres, oauthOptions.ClientId, appLimit,
                sp.GetRequiredService<IOptions<OuraClientOptions>>().Value.RateLimitWindow, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresApplicationBudget>()));
        }

        services.AddSingleton<IUpstreamSignIn>(sp => new OuraUpstreamSignIn(sp.GetRequiredService<OAuthClient>(), sp.GetRequiredService<ITokenStore>(),
            new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, settings.BaseUrl));
        AppAdministrators.AddAppAdministrators(services, environment);
        // A newly connected person's history is filled in the background.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HostedBackfill>(sp));
        services.AddSingleton<IPersonConnected>(sp => sp.GetRequiredService<HostedBackfill>());
        services.AddHostedService(sp => sp.GetRequiredService<HostedBackfill>());
        // The account page deletes from the history the tools read (PersonHistory: OURA_HISTORY_STORE, or none).
        services.AddSingleton<IUpstreamAccounts>(sp => new OuraAccounts(sp.GetRequiredService<ITokenStore>(), sp.GetRequiredService<IPersonDirectory>(),
            sp.GetRequiredService<OuraClient>(), sp.GetRequiredService<OuraRateBudget>(), sp.GetRequiredService<IOptions<OuraClientOptions>>(),
            sp.GetRequiredService<PersonHistory>().Store, sp.GetRequiredService<HostedBackfill>()));
        return services.AddSignedInPeople(settings, sp => ActivatorUtilities.CreateInstance<StoredPeople>(sp), new ConnectPageHint(listen.PublicUrl!));
    }

    /// <summary><see cref="AppRateLimitVariable"/>, Oura's 5000 when unset; null when it is not a positive whole number.</summary>
    private static int? AppRateLimit(Func<string, string?> environment) =>
        environment(AppRateLimitVariable) is not { Length: > 0 } text ? new OuraClientOptions().PerApplicationRequestLimit
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit >= 1 ? limit
        : null;
}
