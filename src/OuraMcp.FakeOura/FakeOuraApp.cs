using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OuraMcp.FakeOura.Auth;
using OuraMcp.FakeOura.Data;
using OuraMcp.FakeOura.Http;

namespace OuraMcp.FakeOura;

/// <summary>
/// Builds the fake Oura application: the one place its routes and middleware are assembled, shared by the
/// in-process (TestServer) and loopback (Kestrel) modes.
/// </summary>
public static class FakeOuraApp
{
    /// <summary>Builds the app from a builder whose server (Kestrel or TestServer) is already chosen.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, FakeOuraOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var state = new FakeOuraState(options);
        builder.Services.AddSingleton(state);
        var oauth = CreateOAuth(state);
        builder.Services.AddSingleton(oauth);

        var app = builder.Build();
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var middleware = new FaultsAndLogMiddleware(state, stopping);
        app.Use(middleware.InvokeAsync);

        new DataRoutes(state).Map(app);
        new WebhookRoutes(state).Map(app);
        new ControlRoutes(state).Map(app);
        app.MapFakeOAuth(oauth);
        // FastAPI's answer for a path it does not know.
        app.MapFallback((RequestDelegate)Responses.NotFound);
        return app;
    }

    internal static FakeOuraState State(WebApplication app) => app.Services.GetRequiredService<FakeOuraState>();

    internal static FakeOAuthServer OAuth(WebApplication app) => app.Services.GetRequiredService<FakeOAuthServer>();

    /// <summary>
    /// The authorization server beside the data routes, as Oura has them: the options' app registered, and every access
    /// token it issues let in on the data side with the granted scopes and expiry, so a signed-in client reads data.
    /// </summary>
    private static FakeOAuthServer CreateOAuth(FakeOuraState state)
    {
        var options = state.Options;
        var oauth = new FakeOAuthServer(options.TimeProvider);
        oauth.RegisterClient(options.ClientId, options.ClientSecret, redirectUris: options.OAuthRedirectUris.Count > 0 ? [.. options.OAuthRedirectUris] : null);
        // Chosen once, lazily: building a person is not free, and most fakes never issue a token.
        var person = new Lazy<IFakePerson>(() => options.OAuthPerson
            ?? options.Accounts.FirstOrDefault()?.Person
            ?? FakeDefaults.CreateDemoPerson(DateOnly.FromDateTime(options.TimeProvider.GetLocalNow().DateTime).AddDays(-1)));
        oauth.OnAccessTokenIssued = (token, scopes, expiresAt) =>
        {
            var signedIn = oauth.SignedInAs(token) is { } hint
                ? options.OAuthPeople.FirstOrDefault(p => p.Id == hint) ?? throw new InvalidOperationException($"No fake person '{hint}' can sign in: add them to OAuthPeople.")
                : person.Value;
            state.AddAccount(new FakeAccount(token, signedIn, scopes, expiresAt));
            return Task.CompletedTask;
        };
        return oauth;
    }
}
