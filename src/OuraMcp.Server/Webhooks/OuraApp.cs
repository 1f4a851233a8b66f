using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Oura;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Webhooks;

/// <summary>
/// The Oura app's own credentials (<c>OURA_CLIENT_ID</c>, <c>OURA_CLIENT_SECRET</c>) and the webhook verification token
/// (<c>OURA_WEBHOOK_VERIFICATION_TOKEN</c>): what webhook subscriptions are managed with, never a person's token.
/// A class, not a record, so that no generated <c>ToString</c> prints the secret.
/// </summary>
public sealed class OuraApp
{
    public const string VerificationTokenVariable = "OURA_WEBHOOK_VERIFICATION_TOKEN";

    private OuraApp(string clientId, string clientSecret, string? verificationToken)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        VerificationToken = verificationToken;
    }

    public string ClientId { get; }

    /// <summary>Never logged, never in an answer.</summary>
    public string ClientSecret { get; }

    /// <summary>What Oura sends back on the callback's verification GET; needed to create a subscription. Never logged.</summary>
    public string? VerificationToken { get; }

    /// <summary>The app of this process's environment, or null when its id or secret is not set (or the demo is served).</summary>
    public static OuraApp? From(ServerSettings settings)
    {
        if (settings.Demo || settings.AccountEnvironment is not { } environment) return null;
        var id = environment("OURA_CLIENT_ID")?.Trim();
        var secret = environment("OURA_CLIENT_SECRET")?.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)) return null;
        var verification = environment(VerificationTokenVariable)?.Trim();
        return new OuraApp(id, secret, string.IsNullOrEmpty(verification) ? null : verification);
    }

    /// <summary>
    /// Registers <see cref="OuraApp"/> and the webhook client, authenticated as the app, when the app's credentials are
    /// set; without them nothing is registered and the webhook tools are not served. Runs after the backend is composed,
    /// so the Oura pipeline is added only where the backend did not add it (signed out).
    /// </summary>
    public static IServiceCollection AddOuraWebhooks(IServiceCollection services, ServerSettings settings)
    {
        if (From(settings) is not { } app) return services;
        services.AddSingleton(app);
        services.Configure<OuraClientOptions>(o =>
        {
            o.ClientId = app.ClientId;
            o.ClientSecret = app.ClientSecret;
        });
        if (!services.Any(d => d.ServiceType == typeof(IOuraWebhookClient)))
        {
            services.AddOuraClient(o =>
            {
                o.BaseAddress = settings.BaseUrl;
                o.UseSandbox = settings.Sandbox;
            });
        }

        return services;
    }
}
