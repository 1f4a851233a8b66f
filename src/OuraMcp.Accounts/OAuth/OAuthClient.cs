using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.OAuth;

/// <summary>
/// Oura's OAuth2 authorization-code flow: the authorize URL (with PKCE S256), the code exchange and the refresh,
/// form-encoded with the app's client id and secret, against the legacy or the new-portal token endpoint with a
/// fallback from the first to the second on 400. Oura documents no revocation endpoint, so there is no RevokeAsync:
/// signing out only forgets the tokens locally (the person can withdraw the app's access in their Oura account).
/// </summary>
public sealed partial class OAuthClient(HttpClient http, OuraOAuthOptions options, TimeProvider timeProvider, ILogger<OAuthClient>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public OuraOAuthOptions Options => options;

    /// <summary>The URL to open in the person's browser. Scopes are space-separated, as Oura expects.</summary>
    public Uri BuildAuthorizeUrl(string state, PkcePair pkce, IEnumerable<string> scopes, Uri redirectUri)
    {
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = options.ClientId,
            ["redirect_uri"] = redirectUri.ToString(),
            ["scope"] = string.Join(' ', scopes),
            ["state"] = state,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = PkcePair.Method,
        };
        var separator = string.IsNullOrEmpty(options.AuthorizeEndpoint.Query) ? "?" : "&";
        return new Uri(options.AuthorizeEndpoint + separator + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
    }

    /// <summary>Trades an authorization code (valid 10 minutes, once) for a token set.</summary>
    public Task<OuraTokenSet> ExchangeCodeAsync(string code, PkcePair pkce, Uri redirectUri, IReadOnlyList<string> requestedScopes, CancellationToken cancellationToken) =>
        RequestTokensAsync(TokenOperation.Exchange, options.PreferredTokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.ToString(),
            ["code_verifier"] = pkce.Verifier,
        }, requestedScopes, previousRefreshToken: null, cancellationToken);

    /// <summary>
    /// Spends <paramref name="current"/>'s single-use refresh token for a new set. The caller must hold the account's
    /// lock and persist the result before anything else uses it. Throws <see cref="OuraSignInRequiredException"/> on invalid_grant.
    /// </summary>
    public Task<OuraTokenSet> RefreshAsync(OuraTokenSet current, CancellationToken cancellationToken) =>
        RequestTokensAsync(TokenOperation.Refresh, current.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = current.RefreshToken,
        }, current.Scopes, current.RefreshToken, cancellationToken);

    private enum TokenOperation { Exchange, Refresh }

    private async Task<OuraTokenSet> RequestTokensAsync(TokenOperation operation, TokenEndpointKind first, Dictionary<string, string> form,
        IReadOnlyList<string> requestedScopes, string? previousRefreshToken, CancellationToken cancellationToken)
    {
        form["client_id"] = options.ClientId;
        form["client_secret"] = options.ClientSecret;

        var answer = await PostAsync(first, form, cancellationToken).ConfigureAwait(false);
        var endpoint = first;
        if (answer.Status == HttpStatusCode.BadRequest && first == TokenEndpointKind.Legacy && options.FallBackToNewPortal)
        {
            LogFallingBack(_logger, operation.ToString(), answer.Error ?? "no error code");
            var fallback = await PostAsync(TokenEndpointKind.NewPortal, form, cancellationToken).ConfigureAwait(false);
            // An invalid_grant from either endpoint is the answer that matters: the grant itself is dead.
            if (fallback.IsSuccess || answer.Error != "invalid_grant") { answer = fallback; endpoint = TokenEndpointKind.NewPortal; }
        }

        if (!answer.IsSuccess) throw Failure(operation, endpoint, answer);
        return ParseTokens(answer.Body!.Value, endpoint, requestedScopes, previousRefreshToken);
    }

    private sealed record TokenAnswer(HttpStatusCode? Status, JsonElement? Body, string? Error, Exception? Failure)
    {
        public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300 && Body is { ValueKind: JsonValueKind.Object };
    }

    private async Task<TokenAnswer> PostAsync(TokenEndpointKind kind, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint(kind)) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonElement? body = null;
            try { body = JsonDocument.Parse(text).RootElement.Clone(); } catch (JsonException) { }
            var error = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            // Only a plain OAuth error code is kept: free text from the server could echo what was sent.
            if (error is not null && !ErrorCode().IsMatch(error)) error = "unrecognised_error";
            return new TokenAnswer(response.StatusCode, body, error, null);
        }
        catch (HttpRequestException e) { return new TokenAnswer(null, null, null, e); }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested) { return new TokenAnswer(null, null, null, e); }
    }

    private OuraTokenSet ParseTokens(JsonElement body, TokenEndpointKind endpoint, IReadOnlyList<string> requestedScopes, string? previousRefreshToken)
    {
        var access = String(body, "access_token");
        if (string.IsNullOrEmpty(access))
            throw new OuraAuthException("Oura's token endpoint answered without an access token: try signing in again.", null, HttpStatusCode.OK);
        // RFC 6749 lets a server omit a new refresh token; Oura sends one every time, and then the old one is dead.
        var refresh = String(body, "refresh_token") ?? previousRefreshToken ?? "";
        var lifetime = options.DefaultAccessTokenLifetime;
        if (body.TryGetProperty("expires_in", out var expiresIn))
        {
            if (expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt64(out var seconds)) lifetime = TimeSpan.FromSeconds(seconds);
            else if (expiresIn.ValueKind == JsonValueKind.String && long.TryParse(expiresIn.GetString(), out seconds)) lifetime = TimeSpan.FromSeconds(seconds);
        }
        var scope = String(body, "scope");
        IReadOnlyList<string> scopes = scope is null ? requestedScopes.ToArray() : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var now = timeProvider.GetUtcNow();
        return new OuraTokenSet(access, refresh, now + lifetime, scopes, endpoint) { IssuedAt = now };

        static string? String(JsonElement body, string name) =>
            body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static OuraAuthException Failure(TokenOperation operation, TokenEndpointKind endpoint, TokenAnswer answer)
    {
        var what = operation == TokenOperation.Refresh ? "refresh the sign-in" : "complete the sign-in";
        if (answer.Status is null)
            return new OuraAuthException($"Could not reach Oura's {Describe(endpoint)} token endpoint to {what} ({answer.Failure?.GetType().Name}): check the network and try again.",
                null, null, isTransient: true, answer.Failure);

        var status = answer.Status.Value;
        return answer.Error switch
        {
            "invalid_grant" when operation == TokenOperation.Refresh => new OuraSignInRequiredException(
                "Oura no longer accepts this sign-in (invalid_grant): the refresh token was already used, expired or was revoked."),
            "invalid_grant" => new OuraAuthException(
                "Oura refused the authorization code (invalid_grant): it expired (codes last 10 minutes), was already used, or the redirect URI or PKCE verifier did not match. Start the sign-in again.",
                "invalid_grant", status),
            "invalid_client" or "unauthorized_client" => new OuraAuthException(
                $"Oura rejected the app's credentials ({answer.Error}): check OURA_CLIENT_ID and OURA_CLIENT_SECRET against the app in Oura's developer portal.", answer.Error, status),
            "invalid_redirect_uri" => new OuraAuthException(
                "Oura rejected the redirect URI (invalid_redirect_uri): register it exactly for this app in Oura's developer portal.", answer.Error, status),
            _ when (int)status >= 500 => new OuraAuthException(
                $"Oura's {Describe(endpoint)} token endpoint failed (HTTP {(int)status}) while trying to {what}: try again shortly.", answer.Error, status, isTransient: true),
            _ => new OuraAuthException(
                $"Oura's {Describe(endpoint)} token endpoint refused to {what} (HTTP {(int)status}{(answer.Error is null ? "" : ", " + answer.Error)}).", answer.Error, status),
        };
    }

    private static string Describe(TokenEndpointKind kind) => kind == TokenEndpointKind.NewPortal ? "new-portal" : "legacy";

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex ErrorCode();

    [LoggerMessage(Level = LogLevel.Information, Message = "The legacy token endpoint answered 400 ({Error}) to a {Operation}; trying the new-portal endpoint")]
    private static partial void LogFallingBack(ILogger logger, string operation, string error);
}
