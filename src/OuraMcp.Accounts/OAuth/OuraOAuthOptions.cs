using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.OAuth;

/// <summary>The registered Oura app and Oura's OAuth endpoints. <see cref="ToString"/> never shows the secret.</summary>
public sealed class OuraOAuthOptions
{
    public static readonly Uri DefaultAuthorizeEndpoint = new("https://cloud.ouraring.com/oauth/authorize");
    public static readonly Uri DefaultLegacyTokenEndpoint = new("https://api.ouraring.com/oauth/token");
    public static readonly Uri DefaultNewPortalTokenEndpoint = new("https://moi.ouraring.com/oauth/v2/ext/oauth-token");

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public Uri AuthorizeEndpoint { get; init; } = DefaultAuthorizeEndpoint;

    public Uri LegacyTokenEndpoint { get; init; } = DefaultLegacyTokenEndpoint;

    public Uri NewPortalTokenEndpoint { get; init; } = DefaultNewPortalTokenEndpoint;

    /// <summary>The endpoint a sign-in tries first; a refresh uses the one its token set records.</summary>
    public TokenEndpointKind PreferredTokenEndpoint { get; init; } = TokenEndpointKind.Legacy;

    /// <summary>
    /// Retry at the new-portal endpoint when the legacy one answers 400: Oura answers 400 there for apps registered on
    /// its newer portal. Safe for single-use tokens, because a 400 means the legacy endpoint did not accept the grant.
    /// </summary>
    public bool FallBackToNewPortal { get; init; } = true;

    /// <summary>Used when a token response has no <c>expires_in</c>: Oura documents both 24 hours and 30 days; the shorter is safe.</summary>
    public TimeSpan DefaultAccessTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    public Uri TokenEndpoint(TokenEndpointKind kind) => kind == TokenEndpointKind.NewPortal ? NewPortalTokenEndpoint : LegacyTokenEndpoint;

    /// <summary>
    /// <c>OURA_CLIENT_ID</c>, <c>OURA_CLIENT_SECRET</c>, <c>OURA_AUTHORIZE_URL</c>; <c>OURA_TOKEN_URL</c> is the token
    /// endpoint tried first (default legacy; a <c>/oauth/v2/</c> URL means a new-portal app);
    /// <c>OURA_NEW_PORTAL_TOKEN_URL</c> overrides the fallback. Returns null when no client id is set.
    /// </summary>
    public static OuraOAuthOptions? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var clientId = getVariable("OURA_CLIENT_ID");
        if (string.IsNullOrWhiteSpace(clientId)) return null;
        var tokenUrl = Uri(getVariable("OURA_TOKEN_URL"));
        var newPortal = Uri(getVariable("OURA_NEW_PORTAL_TOKEN_URL")) ?? DefaultNewPortalTokenEndpoint;
        var tokenUrlIsNewPortal = tokenUrl is not null && tokenUrl.AbsolutePath.Contains("/oauth/v2/", StringComparison.Ordinal);
        return new OuraOAuthOptions
        {
            ClientId = clientId.Trim(),
            ClientSecret = getVariable("OURA_CLIENT_SECRET")?.Trim() ?? "",
            AuthorizeEndpoint = Uri(getVariable("OURA_AUTHORIZE_URL")) ?? DefaultAuthorizeEndpoint,
            LegacyTokenEndpoint = tokenUrlIsNewPortal ? DefaultLegacyTokenEndpoint : tokenUrl ?? DefaultLegacyTokenEndpoint,
            NewPortalTokenEndpoint = tokenUrlIsNewPortal ? tokenUrl! : newPortal,
            PreferredTokenEndpoint = tokenUrlIsNewPortal ? TokenEndpointKind.NewPortal : TokenEndpointKind.Legacy,
        };

        static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value.Trim(), UriKind.Absolute);
    }

    public override string ToString() =>
        $"OuraOAuthOptions {{ ClientId = {ClientId}, ClientSecret = [redacted], Authorize = {AuthorizeEndpoint}, Legacy = {LegacyTokenEndpoint}, NewPortal = {NewPortalTokenEndpoint}, Preferred = {PreferredTokenEndpoint} }}";
}
