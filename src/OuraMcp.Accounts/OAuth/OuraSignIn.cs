using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Accounts.OAuth;

/// <summary>
/// The whole sign-in for <c>auth login</c>: loopback listener, authorize URL with state and PKCE, the person's
/// browser, the code exchange, and the tokens saved in the store before this returns. <see cref="Begin"/> splits it in
/// two for a server that offers the URL to its client and finishes the sign-in later, in the background.
/// </summary>
public sealed class OuraSignIn(OAuthClient oauth, ITokenStore store)
{
    /// <summary>
    /// Signs <paramref name="account"/> in. <paramref name="openBrowser"/> shows the URL to the person (or, in tests,
    /// follows it). Scopes default to every scope Oura has (<see cref="OuraCatalog.Scopes"/>). Codes live 10 minutes,
    /// so pass a token that gives up around then.
    /// </summary>
    public async Task<OuraTokenSet> SignInAsync(string account, Func<Uri, CancellationToken, Task> openBrowser,
        IReadOnlyList<string>? scopes = null, int redirectPort = 0, CancellationToken cancellationToken = default)
    {
        var pending = Begin(account, scopes, redirectPort);
        await using var pendingDisposal = pending.ConfigureAwait(false);
        // Listen before the browser goes: the redirect can arrive before openBrowser returns.
        var code = pending.WaitForCodeAsync(cancellationToken);
        await openBrowser(pending.AuthorizeUrl, cancellationToken).ConfigureAwait(false);
        return await pending.ExchangeAndSaveAsync(await code.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a sign-in: binds the loopback listener (throws <see cref="System.Net.HttpListenerException"/> when the
    /// port is taken) and builds the authorize URL. Nothing is stored until <see cref="PendingSignIn.CompleteAsync"/>.
    /// </summary>
    public PendingSignIn Begin(string account, IReadOnlyList<string>? scopes = null, int redirectPort = 0)
    {
        scopes ??= OuraCatalog.Scopes;
        var listener = LoopbackRedirectListener.Start(redirectPort);
        var state = PkcePair.CreateState();
        var pkce = PkcePair.Create();
        var url = oauth.BuildAuthorizeUrl(state, pkce, scopes, listener.RedirectUri);
        return new PendingSignIn(oauth, store, account, scopes, listener, state, pkce, url);
    }
}

/// <summary>
/// A sign-in whose listener is up and whose authorize URL is ready, waiting for Oura's redirect. The state and the
/// PKCE verifier never leave this object; dispose it to stop listening.
/// </summary>
public sealed class PendingSignIn : IAsyncDisposable
{
    private readonly OAuthClient _oauth;
    private readonly ITokenStore _store;
    private readonly IReadOnlyList<string> _scopes;
    private readonly LoopbackRedirectListener _listener;
    private readonly string _state;
    private readonly PkcePair _pkce;

    internal PendingSignIn(OAuthClient oauth, ITokenStore store, string account, IReadOnlyList<string> scopes,
        LoopbackRedirectListener listener, string state, PkcePair pkce, Uri authorizeUrl)
    {
        _oauth = oauth;
        _store = store;
        Account = account;
        _scopes = scopes;
        _listener = listener;
        _state = state;
        _pkce = pkce;
        AuthorizeUrl = authorizeUrl;
    }

    /// <summary>The account the tokens are saved under.</summary>
    public string Account { get; }

    /// <summary>The page to show the person: Oura's consent page, redirecting to this sign-in's listener.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>Waits for Oura's redirect and returns the authorization code, once its state matches.</summary>
    public Task<string> WaitForCodeAsync(CancellationToken cancellationToken) => _listener.WaitForCodeAsync(_state, cancellationToken);

    /// <summary>Trades the code for tokens and saves them under the account's lock, as <c>auth login</c> does.</summary>
    public async Task<OuraTokenSet> ExchangeAndSaveAsync(string code, CancellationToken cancellationToken)
    {
        var tokens = await _oauth.ExchangeCodeAsync(code, _pkce, _listener.RedirectUri, _scopes, cancellationToken).ConfigureAwait(false);
        // Under the account lock, so a refresh in a running server cannot interleave with the new sign-in.
        await _store.WithAccountLockAsync(Account, async ct => { await _store.SaveAsync(Account, tokens, ct).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
        return tokens;
    }

    /// <summary>Waits for the redirect, exchanges the code and saves the tokens.</summary>
    public async Task<OuraTokenSet> CompleteAsync(CancellationToken cancellationToken) =>
        await ExchangeAndSaveAsync(await WaitForCodeAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
