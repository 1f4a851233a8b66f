using Microsoft.Extensions.Time.Testing;
using System.Net;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Tests.Support;
using OuraMcp.Accounts.Tokens;
using OuraMcp.Testing;

namespace OuraMcp.Accounts.Tests.OAuth;

public sealed class OAuthClientTests
{
    private readonly LogCapture _logs = new();

    [Fact]
    public void The_authorize_url_carries_space_separated_scopes_state_and_an_S256_challenge()
    {
        var oauth = new OAuthClient(new HttpClient(), new OuraOAuthOptions { ClientId = "app", ClientSecret = "s3cret" }, TimeProvider.System);
        var pkce = PkcePair.Create();

        var url = oauth.BuildAuthorizeUrl("st4te", pkce, ["daily", "heartrate"], new Uri("http://127.0.0.1:8765/callback"));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        url.GetLeftPart(UriPartial.Path).Should().Be("https://cloud.ouraring.com/oauth/authorize");
        url.Query.Should().Contain("scope=daily%20heartrate");
        query["response_type"].Should().Be("code");
        query["client_id"].Should().Be("app");
        query["state"].Should().Be("st4te");
        query["redirect_uri"].Should().Be("http://127.0.0.1:8765/callback");
        query["code_challenge"].Should().Be(PkcePair.ChallengeFor(pkce.Verifier)).And.NotBe(pkce.Verifier);
        query["code_challenge_method"].Should().Be("S256");
        url.ToString().Should().NotContain("s3cret");
        pkce.ToString().Should().NotContain(pkce.Verifier);
    }

    [Fact]
    public void The_pkce_challenge_is_the_rfc_7636_example()
    {
        PkcePair.ChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").Should().Be("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    [Fact]
    public async Task A_new_portal_app_refused_by_the_legacy_endpoint_refreshes_at_the_new_one_and_remembers_it()
    {
        await using var fake = await FakeOAuthHost.StartAsync(TimeProvider.System, newPortalApp: true);
        var oauth = fake.CreateOAuthClient(TimeProvider.System, _logs.For<OAuthClient>());
        var grant = await fake.Server.IssueAsync(FakeOAuthHost.ClientId);
        var stored = new OuraTokenSet(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scopes, TokenEndpointKind.Legacy);

        var refreshed = await oauth.RefreshAsync(stored, default);

        refreshed.TokenEndpoint.Should().Be(TokenEndpointKind.NewPortal);
        fake.Server.LegacyTokenRequests.Should().Be(1);
        fake.Server.NewPortalTokenRequests.Should().Be(1);
        fake.Server.IsAccessTokenValid(refreshed.AccessToken).Should().BeTrue();

        await oauth.RefreshAsync(refreshed, default);
        fake.Server.LegacyTokenRequests.Should().Be(1, "the endpoint that worked is remembered in the token set");
        fake.Server.RefreshesServed.Should().Be(2);
        _logs.Lines.Should().Contain(l => l.Contains("trying the new-portal endpoint"));
    }

    [Fact]
    public async Task Token_requests_are_form_encoded_with_the_client_credentials()
    {
        string? body = null;
        string? contentType = null;
        var handler = new ScriptedHttpHandler().Then(async (request, ct) =>
        {
            contentType = request.Content!.Headers.ContentType!.MediaType;
            body = await request.Content.ReadAsStringAsync(ct);
            return ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"a","refresh_token":"r","expires_in":"3600","token_type":"bearer"}""");
        });
        var clock = new FakeTimeProvider();
        var oauth = new OAuthClient(new HttpClient(handler), new OuraOAuthOptions { ClientId = "app", ClientSecret = "s3cret" }, clock);

        var tokens = await oauth.RefreshAsync(new OuraTokenSet("old", "old-refresh", clock.GetUtcNow(), ["daily"], TokenEndpointKind.Legacy), default);

        contentType.Should().Be("application/x-www-form-urlencoded");
        body.Should().Be("grant_type=refresh_token&refresh_token=old-refresh&client_id=app&client_secret=s3cret");
        handler.Requests.Single().Uri.Should().Be(OuraOAuthOptions.DefaultLegacyTokenEndpoint);
        tokens.ExpiresAt.Should().Be(clock.GetUtcNow().AddHours(1));
        tokens.Scopes.Should().Equal("daily");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"client_secret s3cret is wrong"}""", "OURA_CLIENT_ID and OURA_CLIENT_SECRET", false)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_redirect_uri"}""", "developer portal", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "<html>down</html>", "try again shortly", true)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"Your token old-refresh is bad"}""", "unrecognised_error", false)]
    public async Task Token_endpoint_errors_become_sentences_without_secrets(HttpStatusCode status, string json, string expected, bool transient)
    {
        var handler = new ScriptedHttpHandler { Fallback = _ => ScriptedHttpHandler.Json(status, json) };
        var oauth = new OAuthClient(new HttpClient(handler), new OuraOAuthOptions { ClientId = "app", ClientSecret = "s3cret" }, TimeProvider.System, _logs.For<OAuthClient>());

        var refresh = () => oauth.RefreshAsync(new OuraTokenSet("old-access", "old-refresh", DateTimeOffset.UnixEpoch, ["daily"], TokenEndpointKind.Legacy), default);

        var error = (await refresh.Should().ThrowAsync<OuraAuthException>()).Which;
        error.Message.Should().Contain(expected);
        error.IsTransient.Should().Be(transient);
        Secrets.ShouldNotAppearIn(["s3cret", "old-refresh", "old-access"], [.. Secrets.TextsOf(error), .. _logs.Lines]);
    }

    [Fact]
    public void The_environment_picks_the_token_endpoint_and_never_prints_the_secret()
    {
        var env = new Dictionary<string, string>
        {
            ["OURA_CLIENT_ID"] = "app",
            ["OURA_CLIENT_SECRET"] = "s3cret",
            ["OURA_TOKEN_URL"] = "https://moi.ouraring.com/oauth/v2/ext/oauth-token",
        };

        var options = OuraOAuthOptions.FromEnvironment(env.GetValueOrDefault)!;

        options.PreferredTokenEndpoint.Should().Be(TokenEndpointKind.NewPortal);
        options.LegacyTokenEndpoint.Should().Be(OuraOAuthOptions.DefaultLegacyTokenEndpoint);
        options.ToString().Should().NotContain("s3cret");
        OuraOAuthOptions.FromEnvironment(_ => null).Should().BeNull();
        OuraOAuthOptions.FromEnvironment(v => v == "OURA_CLIENT_ID" ? "app" : null)!.PreferredTokenEndpoint.Should().Be(TokenEndpointKind.Legacy);
    }
}
