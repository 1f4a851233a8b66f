using Microsoft.Extensions.Time.Testing;
using System.Net;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tests.Support;
using OuraMcp.Accounts.Tokens;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Accounts.Tests.OAuth;

/// <summary>The sign-in end to end: a browser-like client follows the fake's redirect to the loopback listener.</summary>
public sealed class SignInTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private readonly List<string> _codesSeen = [];

    public void Dispose() => _directory.Dispose();

    private FileTokenStore Store() => new(new FileTokenStoreOptions { Path = _directory.File("tokens.json") }, TimeProvider.System, _logs.For<FileTokenStore>());

    /// <summary>A browser: follows the authorize redirect to wherever it points (here, the loopback listener), noting the code it carried.</summary>
    private async Task Browse(Uri url, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(url, cancellationToken);
        consent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = consent.Headers.Location!;
        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"];
        if (code is not null) _codesSeen.Add(code);
        using var landing = await browser.GetAsync(location, cancellationToken);
        landing.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Signing_in_follows_the_redirect_to_the_loopback_listener_exchanges_the_code_and_stores_the_tokens(bool newPortalApp)
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System, onLoopbackPort: true, newPortalApp);
        var issued = new List<string>();
        fake.Server.OnAccessTokenIssued = (token, scopes, _) => { lock (issued) issued.Add(token); scopes.Should().BeEquivalentTo(OuraCatalog.Scopes); return Task.CompletedTask; };
        var store = Store();
        var signIn = new OuraSignIn(fake.CreateOAuthClient(TimeProvider.System, _logs.For<OAuthClient>()), store);

        var tokens = await signIn.SignInAsync("alice", Browse, cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        fake.Server.CodesExchanged.Should().Be(1);
        issued.Should().Equal(tokens.AccessToken);
        tokens.Scopes.Should().Equal(OuraCatalog.Scopes);
        tokens.TokenEndpoint.Should().Be(newPortalApp ? TokenEndpointKind.NewPortal : TokenEndpointKind.Legacy);
        (await Store().TryGetAsync("alice", default)).Should().BeEquivalentTo(tokens);
        Secrets.ShouldNotAppearIn([.. Secrets.Of(tokens), .. _codesSeen, FakeOAuthHost.ClientSecret], _logs.Lines);
    }

    [Fact]
    public async Task A_stray_redirect_with_another_state_is_refused_and_the_sign_in_waits_for_the_real_one()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System, onLoopbackPort: true);
        var store = Store();
        var signIn = new OuraSignIn(fake.CreateOAuthClient(TimeProvider.System), store);

        // An attacker's page sends the browser to the listener with a code of the attacker's choosing and a guessed state.
        async Task ForgedRedirect(Uri url, CancellationToken ct)
        {
            var redirect = System.Web.HttpUtility.ParseQueryString(url.Query)["redirect_uri"]!;
            using var browser = new HttpClient();
            using (var response = await browser.GetAsync($"{redirect}?code=attacker-code&state=guessed", ct))
                response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            using (var noState = await browser.GetAsync($"{redirect}?error=access_denied", ct))
                noState.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            await Browse(url, ct);
        }

        var tokens = await signIn.SignInAsync("alice", ForgedRedirect, cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        fake.Server.CodesExchanged.Should().Be(1, "only the real code was exchanged");
        _codesSeen.Should().ContainSingle().Which.Should().NotBe("attacker-code");
        (await store.TryGetAsync("alice", default)).Should().BeEquivalentTo(tokens);
    }

    [Fact]
    public async Task Consent_denied_on_Oura_ends_the_sign_in_with_access_denied()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System, onLoopbackPort: true);
        fake.Server.DenyConsent = true;
        var signIn = new OuraSignIn(fake.CreateOAuthClient(TimeProvider.System), Store());

        var signingIn = () => signIn.SignInAsync("alice", Browse, cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var error = (await signingIn.Should().ThrowAsync<OuraAuthException>()).Which;
        error.Error.Should().Be("access_denied");
        error.Message.Should().Contain("auth login");
    }

    [Fact]
    public async Task A_code_is_refused_when_reused_after_ten_minutes_or_without_the_right_verifier()
    {
        var clock = new FakeTimeProvider();
        await using var fake = await FakeOAuthHost.StartAsync(clock);
        var oauth = fake.CreateOAuthClient(clock);
        var redirect = new Uri("http://127.0.0.1:1234/callback");
        using var browser = new HttpClient(fake.Handler, disposeHandler: false);

        async Task<string> Authorize(PkcePair pkce)
        {
            using var response = await browser.GetAsync(oauth.BuildAuthorizeUrl("s", pkce, ["daily"], redirect));
            return System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["code"]!;
        }

        var pkce = PkcePair.Create();
        var code = await Authorize(pkce);
        await oauth.ExchangeCodeAsync(code, pkce, redirect, ["daily"], default);
        var reused = () => oauth.ExchangeCodeAsync(code, pkce, redirect, ["daily"], default);
        (await reused.Should().ThrowAsync<OuraAuthException>()).Which.Error.Should().Be("invalid_grant");

        var late = await Authorize(pkce);
        clock.Advance(TimeSpan.FromMinutes(10));
        var expired = () => oauth.ExchangeCodeAsync(late, pkce, redirect, ["daily"], default);
        (await expired.Should().ThrowAsync<OuraAuthException>()).Which.Message.Should().Contain("10 minutes");

        var stolen = await Authorize(pkce);
        var wrongVerifier = () => oauth.ExchangeCodeAsync(stolen, PkcePair.Create(), redirect, ["daily"], default);
        (await wrongVerifier.Should().ThrowAsync<OuraAuthException>()).Which.Error.Should().Be("invalid_grant");
        fake.Server.CodesExchanged.Should().Be(1);
    }
}
