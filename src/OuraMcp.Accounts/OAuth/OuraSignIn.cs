using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Accounts.OAuth;

/// <summary>
/// The whole sign-in for <c>auth login</c>: loopback listener, authorize URL with state and PKCE, the person's
/// browser, the code exchange, and the tokens saved in the store before this returns.
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
        scopes ??= OuraCatalog.Scopes;
        await using var listener = LoopbackRedirectListener.Start(redirectPort);
        var state = PkcePair.CreateState();
        var pkce = PkcePair.Create();
        var url = oauth.BuildAuthorizeUrl(state, pkce, scopes, listener.RedirectUri);

        // Listen before the browser goes: the redirect can arrive before openBrowser returns.
        var code = listener.WaitForCodeAsync(state, cancellationToken);
        await openBrowser(url, cancellationToken);
        var tokens = await oauth.ExchangeCodeAsync(await code, pkce, listener.RedirectUri, scopes, cancellationToken);
        // Under the account lock, so a refresh in a running server cannot interleave with the new sign-in.
        await store.WithAccountLockAsync(account, async ct => { await store.SaveAsync(account, tokens, ct); return true; }, cancellationToken);
        return tokens;
    }
}
