using System.Text.Json.Serialization;

namespace OuraMcp.Accounts.Tokens;

/// <summary>Which of Oura's two token endpoints issued (and must refresh) a token set.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TokenEndpointKind>))]
public enum TokenEndpointKind
{
    /// <summary><c>https://api.ouraring.com/oauth/token</c>: apps registered on the original developer portal.</summary>
    Legacy,

    /// <summary><c>https://moi.ouraring.com/oauth/v2/ext/oauth-token</c>: apps registered on the newer portal.</summary>
    NewPortal,
}

/// <summary>
/// What one sign-in to Oura holds. Oura's refresh tokens are single-use: after a refresh this whole set is replaced,
/// and the old <see cref="RefreshToken"/> is dead. <see cref="ToString"/> redacts both tokens.
/// </summary>
public sealed record OuraTokenSet(
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Scopes,
    TokenEndpointKind TokenEndpoint)
{
    /// <summary>When Oura issued this set (the sign-in or the last refresh); null for sets kept before it was recorded, or pasted in by hand.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Whether the access token is still usable <paramref name="skew"/> from now.</summary>
    public bool IsFreshAt(DateTimeOffset now, TimeSpan skew) => ExpiresAt - skew > now;

    // Records print every member by default; tokens must never reach a log line or an exception message.
    public override string ToString() =>
        $"OuraTokenSet {{ AccessToken = [redacted], RefreshToken = [redacted], ExpiresAt = {ExpiresAt:O}, " +
        $"Scopes = {string.Join(' ', Scopes)}, TokenEndpoint = {TokenEndpoint}, IssuedAt = {IssuedAt:O} }}";
}
