using OuraMcp.FakeOura.Data;

namespace OuraMcp.FakeOura;

/// <summary>How a fake Oura behaves: who may call it, page sizes, webhook app credentials and its clock.</summary>
public sealed class FakeOuraOptions
{
    /// <summary>Who may call: a bearer token maps to a person and scopes. More can be added at runtime through <see cref="FakeOuraServer.AddAccount"/>.</summary>
    public IList<FakeAccount> Accounts { get; } = [];

    /// <summary>Documents per page of the day collections (and ring_configuration).</summary>
    public int DocumentPageSize { get; set; } = 25;

    /// <summary>Rows per page of heartrate and ring_battery_level.</summary>
    public int TimeSeriesPageSize { get; set; } = 1000;

    /// <summary>
    /// The app's client id: what the webhook-subscription routes expect in <c>x-client-id</c>, and the app registered
    /// with the fake's OAuth endpoints (one app, as a developer registers one app with Oura).
    /// </summary>
    public string ClientId { get; set; } = FakeDefaults.ClientId;

    /// <summary>The app's client secret, for the webhook routes (<c>x-client-secret</c>) and the OAuth token endpoints.</summary>
    public string ClientSecret { get; set; } = FakeDefaults.ClientSecret;

    /// <summary>
    /// The redirect URIs registered for the app on the fake's OAuth endpoints, matched exactly as Oura does.
    /// Empty allows any loopback (127.0.0.1 or localhost) http URI, which suits tests that listen on a random port.
    /// </summary>
    public IList<string> OAuthRedirectUris { get; } = [];

    /// <summary>
    /// Whose data a token issued by the fake's OAuth endpoints reads. Null: the person of the first account, else the
    /// demo person with data up to yesterday.
    /// </summary>
    public IFakePerson? OAuthPerson { get; set; }

    /// <summary>
    /// People who can sign in at the fake's authorize page by naming their id as its <c>login_hint</c> (as each person
    /// types their own credentials at Oura's), so that one fake signs in several people; without a hint, <see cref="OAuthPerson"/>.
    /// </summary>
    public IList<IFakePerson> OAuthPeople { get; } = [];

    /// <summary>The clock behind token expiry, webhook expiration, rate-limit reset times and <c>Delay</c> faults.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How far ahead a created or renewed webhook subscription expires. The spec states no duration;
    /// four weeks keeps expiry visible in tests without making renewals urgent.
    /// </summary>
    public TimeSpan WebhookSubscriptionLifetime { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// When true, creating a webhook subscription first sends Oura's verification GET to the callback
    /// (<c>?verification_token=..&amp;challenge=..</c>) and refuses the subscription (400) unless it echoes the challenge.
    /// Off by default: most tests have no callback listening.
    /// </summary>
    public bool VerifyWebhookCallbacks { get; set; }

    /// <summary>How long the fake waits before sending an event again that its callback did not answer with 2xx.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The handler that carries verification GETs and event POSTs (a plain <see cref="SocketsHttpHandler"/> when null).</summary>
    public HttpMessageHandler? WebhookCallbackHandler { get; set; }
}

/// <summary>
/// One user's access: the bearer token a client sends, the person whose data it reads, the OAuth scopes granted
/// (null = every scope) and when the token stops working (null = never).
/// </summary>
public sealed record FakeAccount(
    string AccessToken,
    IFakePerson Person,
    IReadOnlyCollection<string>? Scopes = null,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Whether the account holds <paramref name="scope"/>; a collection with no scope (null) needs none.</summary>
    public bool HasScope(string? scope) => scope is null || Scopes is null || Scopes.Contains(scope, StringComparer.Ordinal);
}
