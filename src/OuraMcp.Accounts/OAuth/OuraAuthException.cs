using System.Net;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Accounts.OAuth;

/// <summary>
/// Signing in or refreshing failed. The message says what to do and never contains a token, code or secret;
/// <see cref="Error"/> is Oura's OAuth error code when it gave one (<c>invalid_client</c>, <c>access_denied</c>…).
/// </summary>
public class OuraAuthException(string message, string? error, HttpStatusCode? statusCode, bool isTransient = false, Exception? inner = null)
    : OuraApiException(message, statusCode, inner)
{
    public string? Error { get; } = error;

    public override bool IsTransient => isTransient;
}

/// <summary>
/// Oura no longer accepts this account's sign-in (<c>invalid_grant</c> on refresh): the person must run
/// <c>OuraMcp.Server auth login</c> again. The stored tokens are kept, not deleted.
/// </summary>
public sealed class OuraSignInRequiredException(string message, Exception? inner = null)
    : OuraAuthException(message, "invalid_grant", HttpStatusCode.Unauthorized, isTransient: false, inner);
