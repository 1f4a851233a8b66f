using Microsoft.Extensions.Logging;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The token of the account signed in with <c>auth login</c>, read from the shared store on each tool call (so a sign-in
/// made while the server runs is used at once) and renewed through <see cref="StoredTokenProvider"/>: ahead of expiry,
/// once after a 401, single-flight in the process and under the store's lock across processes. Nothing is opened at
/// start-up: a damaged store, a bad key or a missing account surfaces on each tool call as a sentence saying what to
/// do, and the server keeps running. Nothing here ever deletes a stored sign-in.
/// </summary>
public sealed class StoredAccountTokenProvider : IOuraTokenProvider, IDisposable
{
    private readonly ServerSettings _settings;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _time;
    private readonly TokenRefreshCoordinator _coordinator;
    private readonly ILoggerFactory? _loggers;
    private readonly Lazy<Resolved> _resolved;

    public StoredAccountTokenProvider(ServerSettings settings, TimeProvider time, TokenRefreshCoordinator coordinator, ILoggerFactory? loggers = null)
    {
        _settings = settings;
        _environment = settings.AccountEnvironment ?? (_ => null);
        _time = time;
        _coordinator = coordinator;
        _loggers = loggers;
        _resolved = new Lazy<Resolved>(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>What the environment configures, resolved once. A configuration error is kept and reported on every call.</summary>
    private sealed record Resolved(ITokenStore? Store, StoredTokenProvider? Refreshing, OuraOAuthOptions? OAuth, HttpClient? Http, string? Problem);

    /// <summary>
    /// What a new sign-in of this account needs, as this provider resolved it (the same store, app credentials and token
    /// client it refreshes with); null when the store or the app credentials are not configured.
    /// </summary>
    internal (ITokenStore Store, OuraOAuthOptions OAuth, HttpClient Http)? SignInParts() =>
        _resolved.Value is { Problem: null, Store: { } store, OAuth: { } oauth, Http: { } http } ? (store, oauth, http) : null;

    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var resolved = Current();
        if (resolved.Refreshing is { } refreshing)
        {
            return await refreshing.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false)
                   ?? throw new OuraNotSignedInException(SignedOutOuraClient.Problem);
        }

        // No app credentials: the stored access token works until it expires, but cannot be renewed.
        var tokens = await resolved.Store!.TryGetAsync(_settings.Account, cancellationToken).ConfigureAwait(false)
                     ?? throw new OuraNotSignedInException(SignedOutOuraClient.Problem);
        if (tokens.IsFreshAt(_time.GetUtcNow(), TimeSpan.Zero)) return tokens.AccessToken;
        throw new OuraAuthException(
            $"The Oura sign-in of account '{_settings.Account}' has expired and the server cannot renew it: OURA_CLIENT_ID and OURA_CLIENT_SECRET " +
            "are not set in the server's environment. Set them to the app used for `OuraMcp.Server auth login` and restart the server, or sign in again.",
            null, System.Net.HttpStatusCode.Unauthorized);
    }

    public async ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        Current().Refreshing is { } refreshing
            ? await refreshing.RefreshAfterRejectionAsync(rejectedToken, cancellationToken).ConfigureAwait(false)
            : null;

    private Resolved Current()
    {
        var resolved = _resolved.Value;
        if (resolved.Problem is { } problem) throw new TokenStoreException(problem);
        return resolved;
    }

    private Resolved Resolve()
    {
        ITokenStore store;
        try
        {
            store = TokenStores.Create(FileTokenStoreOptions.FromEnvironment(_environment), _time);
        }
        catch (TokenStoreException e)
        {
            return new Resolved(null, null, null, null, e.Message);
        }

        OuraOAuthOptions? oauth;
        try
        {
            oauth = OuraOAuthOptions.FromEnvironment(_environment);
        }
        catch (UriFormatException)
        {
            return new Resolved(null, null, null, null,
                "OURA_AUTHORIZE_URL, OURA_TOKEN_URL or OURA_NEW_PORTAL_TOKEN_URL is not an absolute URL: fix it in the server's environment and restart the server.");
        }

        if (oauth is null) return new Resolved(store, null, null, null, null);
        // Its own client, outside the Oura pipeline: the token endpoint takes the app's credentials, never a bearer token.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var refreshing = new StoredTokenProvider(_settings.Account, store, new OAuthClient(http, oauth, _time, _loggers?.CreateLogger<OAuthClient>()),
            _coordinator, _time, _loggers?.CreateLogger<StoredTokenProvider>());
        return new Resolved(store, refreshing, oauth, http, null);
    }

    public void Dispose()
    {
        if (_resolved.IsValueCreated) _resolved.Value.Http?.Dispose();
    }
}
