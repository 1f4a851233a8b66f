using System.Security.Cryptography;
using System.Text;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Auth;

/// <summary>A client app registered with the fake authorization server.</summary>
/// <param name="ClientId">The app's public id.</param>
/// <param name="ClientSecret">The app's secret, sent in token requests.</param>
/// <param name="IsNewPortalApp">Registered on Oura's newer portal: the legacy token path answers it 400, as Oura's does.</param>
/// <param name="RedirectUris">Exact redirect URIs allowed; empty allows any loopback (127.0.0.1/localhost) URI.</param>
public sealed record FakeOAuthClient(string ClientId, string ClientSecret, bool IsNewPortalApp = false, IReadOnlyList<string>? RedirectUris = null)
{
    public override string ToString() => $"FakeOAuthClient {{ ClientId = {ClientId}, ClientSecret = [redacted], IsNewPortalApp = {IsNewPortalApp} }}";
}

/// <summary>
/// A token response as the fake issued it. <paramref name="SignedIn"/>: whom the person said they were on the authorize
/// page (its <c>login_hint</c>, a fake person's id), kept through refreshes; null when the page was not told.
/// </summary>
public sealed record FakeTokenGrant(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes, string? SignedIn = null)
{
    public override string ToString() => $"FakeTokenGrant {{ ExpiresAt = {ExpiresAt:O}, Scopes = {string.Join(' ', Scopes)} }}";
}

/// <summary>
/// The state of a fake Oura authorization server, driven by a <see cref="TimeProvider"/>: registered apps, codes
/// (10 minutes, once, PKCE-checked, bound to their redirect URI), single-use refresh tokens, and the counters tests
/// assert on. <see cref="FakeOAuthEndpoints.MapFakeOAuth"/> puts it on HTTP.
/// </summary>
public sealed class FakeOAuthServer(TimeProvider timeProvider)
{
    public const string AuthorizePath = "/oauth/authorize";
    public const string LegacyTokenPath = "/oauth/token";
    public const string NewPortalTokenPath = "/oauth/v2/ext/oauth-token";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly object _gate = new();
    private readonly Dictionary<string, FakeOAuthClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeTokenGrant> _accessTokens = new(StringComparer.Ordinal);
    private int _refreshesServed, _refreshesRefused, _codesExchanged, _legacyRequests, _newPortalRequests, _tokenRequestsHeld;

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Lifetime of issued access tokens (Oura documents both 24 hours and 30 days).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When set, the consent page "denies": the redirect carries <c>error=access_denied</c>.</summary>
    public bool DenyConsent { get; set; }

    /// <summary>Time each token request takes, to widen race windows in concurrency tests.</summary>
    public TimeSpan TokenLatency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// When set, every token request waits for this task before it is answered, and is counted in
    /// <see cref="TokenRequestsHeld"/> meanwhile: concurrency tests see which requests are in flight together.
    /// </summary>
    public Task? TokenGate { get; set; }

    /// <summary>Token requests waiting for <see cref="TokenGate"/> now.</summary>
    public int TokenRequestsHeld => Volatile.Read(ref _tokenRequestsHeld);

    /// <summary>
    /// Called for every access token issued, before the response is sent: the data side registers it
    /// (e.g. as a FakeAccount(AccessToken, Person, Scopes, ExpiresAt)).
    /// </summary>
    public Func<string, IReadOnlyCollection<string>, DateTimeOffset, Task>? OnAccessTokenIssued { get; set; }

    public int RefreshesServed => Volatile.Read(ref _refreshesServed);

    /// <summary>Refresh requests refused with invalid_grant (a reused or unknown refresh token).</summary>
    public int RefreshesRefused => Volatile.Read(ref _refreshesRefused);

    public int CodesExchanged => Volatile.Read(ref _codesExchanged);

    /// <summary>Token requests that reached the legacy path, whatever their outcome.</summary>
    public int LegacyTokenRequests => Volatile.Read(ref _legacyRequests);

    public int NewPortalTokenRequests => Volatile.Read(ref _newPortalRequests);

    public FakeOAuthClient RegisterClient(string clientId, string clientSecret, bool isNewPortalApp = false, IReadOnlyList<string>? redirectUris = null)
    {
        var client = new FakeOAuthClient(clientId, clientSecret, isNewPortalApp, redirectUris);
        lock (_gate) _clients[clientId] = client;
        return client;
    }

    /// <summary>Issues tokens directly, as if a sign-in had happened (for seeding stores in tests).</summary>
    public Task<FakeTokenGrant> IssueAsync(string clientId, IReadOnlyList<string>? scopes = null) => IssueCoreAsync(clientId, scopes ?? OuraCatalog.Scopes);

    /// <summary>Who signed in for <paramref name="accessToken"/> (see <see cref="FakeTokenGrant.SignedIn"/>); null when not told or not issued here.</summary>
    public string? SignedInAs(string accessToken)
    {
        lock (_gate) return _accessTokens.TryGetValue(accessToken, out var grant) ? grant.SignedIn : null;
    }

    /// <summary>Whether <paramref name="accessToken"/> was issued here and has not expired.</summary>
    public bool IsAccessTokenValid(string accessToken)
    {
        lock (_gate) return _accessTokens.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > timeProvider.GetUtcNow();
    }

    internal sealed record AuthorizeRequest(string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State, string? CodeChallenge, string? CodeChallengeMethod, string? LoginHint = null);

    /// <summary>The outcome of an authorize request: a redirect, or an error page when there is nowhere safe to redirect.</summary>
    internal sealed record AuthorizeOutcome(Uri? Redirect, string? ErrorPage);

    internal AuthorizeOutcome Authorize(AuthorizeRequest request)
    {
        FakeOAuthClient? client;
        lock (_gate) _clients.TryGetValue(request.ClientId ?? "", out client);
        // Like any authorization server, an unknown app or an unregistered redirect URI gets a page, never a redirect.
        if (client is null) return new(null, "Unknown client_id.");
        if (request.RedirectUri is null || !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) || !RedirectAllowed(client, redirect))
            return new(null, "The redirect_uri is not registered for this application.");

        if (request.ResponseType != "code") return new(WithQuery(redirect, ("error", "unsupported_response_type"), ("state", request.State)), null);
        var scopes = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Any(s => !OuraCatalog.Scopes.Contains(s))) return new(WithQuery(redirect, ("error", "invalid_scope"), ("state", request.State)), null);
        if (request.CodeChallenge is not null && request.CodeChallengeMethod is not ("S256" or null))
            return new(WithQuery(redirect, ("error", "invalid_request"), ("state", request.State)), null);
        if (DenyConsent) return new(WithQuery(redirect, ("error", "access_denied"), ("state", request.State)), null);

        var code = NewSecret("code");
        lock (_gate) _codes[code] = new PendingCode(client.ClientId, request.RedirectUri, scopes, request.CodeChallenge, timeProvider.GetUtcNow() + CodeLifetime, request.LoginHint);
        return new(WithQuery(redirect, ("code", code), ("state", request.State)), null);
    }

    internal sealed record TokenResult(int Status, object Body);

    internal async Task<TokenResult> TokenAsync(bool legacyPath, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref legacyPath ? ref _legacyRequests : ref _newPortalRequests);
        if (TokenLatency > TimeSpan.Zero) await Task.Delay(TokenLatency, timeProvider, cancellationToken).ConfigureAwait(false);
        if (TokenGate is { } gate)
        {
            Interlocked.Increment(ref _tokenRequestsHeld);
            try { await gate.WaitAsync(cancellationToken).ConfigureAwait(false); }
            finally { Interlocked.Decrement(ref _tokenRequestsHeld); }
        }

        FakeOAuthClient? client;
        lock (_gate) _clients.TryGetValue(form.GetValueOrDefault("client_id") ?? "", out client);
        if (client is null || !FixedEquals(client.ClientSecret, form.GetValueOrDefault("client_secret")))
            return Error(401, "invalid_client");
        if (legacyPath && client.IsNewPortalApp)
            return Error(400, "invalid_request", "This application is registered on the new developer portal: use its token endpoint.");

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
            {
                PendingCode? pending;
                var code = form.GetValueOrDefault("code") ?? "";
                lock (_gate)
                {
                    // Once only, even when the exchange then fails: a code is gone as soon as it is presented.
                    if (_codes.Remove(code, out pending) is false) return Error(400, "invalid_grant");
                }
                if (pending.ClientId != client.ClientId || pending.ExpiresAt <= timeProvider.GetUtcNow() || pending.RedirectUri != form.GetValueOrDefault("redirect_uri"))
                    return Error(400, "invalid_grant");
                if (pending.CodeChallenge is not null &&
                    (form.GetValueOrDefault("code_verifier") is not { } verifier || !FixedEquals(pending.CodeChallenge, S256(verifier))))
                    return Error(400, "invalid_grant");
                Interlocked.Increment(ref _codesExchanged);
                return Tokens(await IssueCoreAsync(client.ClientId, pending.Scopes, pending.SignedIn).ConfigureAwait(false));
            }
            case "refresh_token":
            {
                RefreshGrant? grant;
                lock (_gate)
                {
                    _refreshTokens.TryGetValue(form.GetValueOrDefault("refresh_token") ?? "", out grant);
                    if (grant is null || grant.Used || grant.ClientId != client.ClientId)
                    {
                        Interlocked.Increment(ref _refreshesRefused);
                        return Error(400, "invalid_grant");
                    }
                    // Single use, as Oura's: the moment it is accepted, it is dead.
                    grant.Used = true;
                }
                Interlocked.Increment(ref _refreshesServed);
                return Tokens(await IssueCoreAsync(client.ClientId, grant.Scopes, grant.SignedIn).ConfigureAwait(false));
            }
            default:
                return Error(400, "unsupported_grant_type");
        }
    }

    private async Task<FakeTokenGrant> IssueCoreAsync(string clientId, IReadOnlyList<string> scopes, string? signedIn = null)
    {
        var grant = new FakeTokenGrant(NewSecret("access"), NewSecret("refresh"), timeProvider.GetUtcNow() + AccessTokenLifetime, scopes.ToArray(), signedIn);
        lock (_gate)
        {
            _accessTokens[grant.AccessToken] = grant;
            _refreshTokens[grant.RefreshToken] = new RefreshGrant(clientId, grant.Scopes, signedIn);
        }
        if (OnAccessTokenIssued is { } hook) await hook(grant.AccessToken, grant.Scopes, grant.ExpiresAt).ConfigureAwait(false);
        return grant;
    }

    private TokenResult Tokens(FakeTokenGrant grant) => new(200, new Dictionary<string, object>
    {
        ["token_type"] = "bearer",
        ["access_token"] = grant.AccessToken,
        ["refresh_token"] = grant.RefreshToken,
        ["expires_in"] = (long)Math.Round((grant.ExpiresAt - timeProvider.GetUtcNow()).TotalSeconds),
        ["scope"] = string.Join(' ', grant.Scopes),
    });

    private static TokenResult Error(int status, string error, string? description = null) =>
        new(status, description is null ? new Dictionary<string, object> { ["error"] = error } : new Dictionary<string, object> { ["error"] = error, ["error_description"] = description });

    private static bool RedirectAllowed(FakeOAuthClient client, Uri redirect) =>
        client.RedirectUris is { Count: > 0 } registered
            ? registered.Contains(redirect.ToString(), StringComparer.Ordinal)
            : redirect.Scheme == Uri.UriSchemeHttp && (redirect.Host is "127.0.0.1" or "localhost");

    private static Uri WithQuery(Uri redirect, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        var builder = new UriBuilder(redirect);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }

    // Keep this shape (fake-access-/fake-refresh-/fake-code- and 32 hex digits): the tests' secrets scan finds every
    // token and code the fake ever issued by it, in any output, without each test registering them.
    private static string NewSecret(string kind) => $"fake-{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool FixedEquals(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private sealed record PendingCode(string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, string? CodeChallenge, DateTimeOffset ExpiresAt, string? SignedIn);

    private sealed class RefreshGrant(string clientId, IReadOnlyList<string> scopes, string? signedIn)
    {
        public string ClientId { get; } = clientId;
        public IReadOnlyList<string> Scopes { get; } = scopes;
        public string? SignedIn { get; } = signedIn;
        public bool Used { get; set; }
    }
}
