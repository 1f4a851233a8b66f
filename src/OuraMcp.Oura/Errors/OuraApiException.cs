using System.Net;

namespace OuraMcp.Oura.Errors;

/// <summary>
/// Oura refused or failed a request. Every message is a sentence the caller (often an AI agent) can act on,
/// and never contains a token or secret.
/// </summary>
public abstract class OuraApiException(string message, HttpStatusCode? statusCode, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Oura's status code; null when no response came (timeout, network, open circuit).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Whether the same request may succeed later without the caller changing anything.</summary>
    public virtual bool IsTransient => false;
}

/// <summary>400: the request was malformed.</summary>
public sealed class OuraBadRequestException(string message) : OuraApiException(message, HttpStatusCode.BadRequest);

/// <summary>401: the access token is missing, expired, malformed or revoked, and no fresh one could be had.</summary>
public sealed class OuraUnauthorizedException(string message) : OuraApiException(message, HttpStatusCode.Unauthorized);

/// <summary>403: a scope or the user's consent for this data type is missing, or the membership expired.</summary>
public sealed class OuraForbiddenException(string message, string? missingScope)
    : OuraApiException(message, HttpStatusCode.Forbidden)
{
    /// <summary>The OAuth scope that grants the data type, when one is known.</summary>
    public string? MissingScope { get; } = missingScope;
}

/// <summary>404: no document with that id (or, on webhook routes, Oura's 403 for an unknown subscription).</summary>
public sealed class OuraNotFoundException(string message) : OuraApiException(message, HttpStatusCode.NotFound);

/// <summary>422: Oura rejected a parameter; <see cref="Problems"/> are its details, cleaned up.</summary>
public sealed class OuraValidationException(string message, IReadOnlyList<string> problems)
    : OuraApiException(message, HttpStatusCode.UnprocessableEntity)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>429, or the client's own budget empty, with a wait longer than the client will sit out.</summary>
public sealed class OuraRateLimitedException(string message, TimeSpan retryAfter, string? tier)
    : OuraApiException(message, HttpStatusCode.TooManyRequests)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Which limit fired, as Oura's <c>X-RateLimit-Tier</c> said (per-token or per-application), or "client" for the local budget.</summary>
    public string? Tier { get; } = tier;

    public override bool IsTransient => true;
}

/// <summary>5xx after retries, a timeout, a network failure, an open circuit, or a response that could not be read.</summary>
public sealed class OuraUnavailableException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : OuraApiException(message, statusCode, inner)
{
    public override bool IsTransient => true;
}

/// <summary>
/// No sign-in to use for this user: no token at all, so Oura was not asked. The message says what is missing, never
/// how to sign in: that depends on how the server is run (a command for a local server, a page for a hosted one), so
/// the host adds it.
/// </summary>
public sealed class OuraNotSignedInException(string message) : OuraApiException(message, HttpStatusCode.Unauthorized);
