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
/// Oura no longer accepts this account's sign-in (<c>invalid_grant</c> on refresh): the person must sign in again.
/// The stored tokens are kept, not deleted. The message ends with the terminal's way back (<c>auth login</c>);
/// <see cref="Problem"/> is the same without it, for a host that has another way (a hosted server's connect page).
/// </summary>
public sealed class OuraSignInRequiredException(string problem, Exception? inner = null)
    : OuraAuthException(problem + " " + LocalWayBack, "invalid_grant", HttpStatusCode.Unauthorized, isTransient: false, inner)
{
    /// <summary>How a person signs in again from a terminal.</summary>
    public const string LocalWayBack = "Run `OuraMcp.Server auth login` to sign in again.";

    /// <summary>What went wrong, without how to sign in again.</summary>
    public string Problem { get; } = problem;
}
