using OuraMcp.Oura.Auth;

namespace OuraMcp.Oura.Http;

/// <summary>Per-request settings the Oura client passes down to the HTTP pipeline through <see cref="HttpRequestMessage.Options"/>.</summary>
public static class OuraRequestOptions
{
    /// <summary>
    /// The request authenticates as the OAuth app (webhook subscriptions: <c>x-client-id</c>/<c>x-client-secret</c>),
    /// so it gets no user bearer token and counts only against the application's budget.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> AppCredentials = new("OuraMcp.AppCredentials");

    /// <summary>
    /// The token provider of the user this request is for. Handlers built by <c>IHttpClientFactory</c> live in their own
    /// DI scope and are shared across users for minutes, so a hosted (multi-user) server must pass the calling user's
    /// provider here; without it the handler falls back to the provider it was built with.
    /// </summary>
    public static readonly HttpRequestOptionsKey<IOuraTokenProvider> TokenProvider = new("OuraMcp.TokenProvider");

    /// <summary>
    /// The stable key of the user this request is for (<see cref="OuraUser.Key"/>): their per-user request budget is
    /// kept under it, so it survives token refreshes. Without it the budget is kept per access token.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> UserKey = new("OuraMcp.UserKey");

    internal const string ClientIdHeader = "x-client-id";

    internal static bool UsesAppCredentials(HttpRequestMessage request) =>
        (request.Options.TryGetValue(AppCredentials, out var app) && app) || request.Headers.Contains(ClientIdHeader);
}
