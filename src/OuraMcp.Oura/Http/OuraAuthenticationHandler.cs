using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Http;

/// <summary>
/// Puts the user's bearer token on each request to Oura and, when Oura rejects it (401), asks the token provider
/// for a fresh one and resends once. It sits outside <see cref="OuraResilienceHandler"/>, so a resend goes through
/// the budget, retries and breaker again. Requests that authenticate as the app (<see cref="OuraRequestOptions.AppCredentials"/>
/// or an <c>x-client-id</c> header) pass through untouched.
/// </summary>
public sealed class OuraAuthenticationHandler : DelegatingHandler
{
    internal const string NotSignedInMessage =
        "Not signed in to Oura: there is no access token for this user.";

    private readonly IOuraTokenProvider _tokenProvider;
    private readonly ILogger _logger;

    public OuraAuthenticationHandler(IOuraTokenProvider tokenProvider, ILogger<OuraAuthenticationHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _tokenProvider = tokenProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (OuraRequestOptions.UsesAppCredentials(request))
        {
            // Webhook routes take the client id and secret; a user's token there would be wrong and leak it to a route that ignores it.
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var provider = request.Options.TryGetValue(OuraRequestOptions.TokenProvider, out var perRequest) ? perRequest : _tokenProvider;
        var token = await provider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            OuraHttpLog.NotSignedIn(_logger);
            throw new OuraNotSignedInException(NotSignedInMessage);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        OuraHttpLog.RefreshingAfterRejection(_logger);
        var fresh = await provider.RefreshAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(fresh) || string.Equals(fresh, token, StringComparison.Ordinal))
        {
            // Resending the token Oura just refused would only earn another 401: let the client layer report it.
            OuraHttpLog.NoFreshToken(_logger);
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        // Exactly one resend: a second 401 goes to the caller as it is, whatever the provider would say.
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
