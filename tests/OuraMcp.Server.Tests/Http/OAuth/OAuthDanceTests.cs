using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// <c>--auth oauth</c> over real HTTP against the server process and the fake Oura: discovery, registration, PKCE,
/// our consent page, the Oura round trip, tokens, a tool call that reads the signed-in person's data, refresh, and
/// the tokens and requests that must be refused.
/// </summary>
public sealed class OAuthDanceTests(OAuthServerFixture fixture) : IClassFixture<OAuthServerFixture>
{
    [Fact]
    public async Task A_request_without_a_token_is_told_where_the_resource_metadata_is_and_which_scope_to_ask()
    {
        using var browser = new OAuthBrowser(fixture);
        using var response = await browser.McpAsync(null, McpHttp.Initialize);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        challenge.Should().Contain($"resource_metadata=\"{fixture.PublicUrl.AbsoluteUri.TrimEnd('/')}/.well-known/oauth-protected-resource/mcp\"")
            .And.Contain("scope=\"oura:read\"").And.NotContain("error=");
    }

    [Fact]
    public async Task The_metadata_names_the_resource_the_issuer_S256_registration_and_client_metadata_documents()
    {
        using var browser = new OAuthBrowser(fixture);
        foreach (var path in new[] { "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource" })
        {
            var resource = JsonDocument.Parse(await browser.Http.GetStringAsync(new Uri(fixture.PublicUrl, path))).RootElement;
            resource.GetProperty("resource").GetString().Should().Be(fixture.McpUrl.AbsoluteUri);
            resource.GetProperty("authorization_servers")[0].GetString().Should().Be(fixture.PublicUrl.AbsoluteUri);
            resource.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()).Should().Equal("oura:read");
        }

        var server = JsonDocument.Parse(await browser.Http.GetStringAsync(new Uri(fixture.PublicUrl, "/.well-known/oauth-authorization-server"))).RootElement;
        server.GetProperty("issuer").GetString().Should().Be(fixture.PublicUrl.AbsoluteUri);
        server.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(s => s.GetString()).Should().Equal("S256");
        server.GetProperty("client_id_metadata_document_supported").GetBoolean().Should().BeTrue();
        server.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(s => s.GetString()).Should().Contain("none");
        server.GetProperty("registration_endpoint").GetString().Should().Be(new Uri(fixture.PublicUrl, "/oauth/register").AbsoluteUri);
        server.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task The_consent_page_names_the_client_its_redirect_host_and_the_Oura_scopes_and_cannot_be_framed()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync("Coach's Assistant <b>");
        var (_, challenge) = OAuthBrowser.Pkce();

        var (page, html, _) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "st"));

        html.Should().Contain("Coach&#39;s Assistant &lt;b&gt;").And.Contain("127.0.0.1").And.Contain("<code>daily</code>").And.Contain("<code>heartrate</code>");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Fact]
    public async Task The_whole_dance_gives_a_token_that_reads_the_signed_in_persons_data_and_refreshes_with_rotation()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "client-state-1"));

        redirect.GetLeftPart(UriPartial.Path).Should().Be(OAuthBrowser.RedirectUri);
        var answer = QueryHelpers.ParseQuery(redirect.Query);
        answer["state"].ToString().Should().Be("client-state-1");
        answer["iss"].ToString().Should().Be(fixture.PublicUrl.AbsoluteUri);

        var (status, tokens) = await browser.TokenAsync(browser.CodeExchange(clientId, answer["code"].ToString(), verifier));
        status.Should().Be(HttpStatusCode.OK, tokens.ToString());
        tokens.GetProperty("expires_in").GetInt32().Should().BeInRange(1, 15 * 60);
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        (await PersonalInfoAsync(browser, access)).Should().Be(await fixture.FakePersonEmailAsync(), "the tool reads the person who signed in at Oura");

        var (refreshed, next) = await browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = clientId, ["resource"] = browser.Resource,
        });
        refreshed.Should().Be(HttpStatusCode.OK, next.ToString());
        next.GetProperty("refresh_token").GetString().Should().NotBe(refresh, "refresh tokens rotate");
        (await PersonalInfoAsync(browser, next.GetProperty("access_token").GetString()!)).Should().Be(await fixture.FakePersonEmailAsync());

        var (reused, _) = await browser.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = clientId, ["resource"] = browser.Resource,
        });
        reused.Should().Be(HttpStatusCode.BadRequest, "a spent refresh token is refused");
    }

    [Fact]
    public async Task Denying_on_the_consent_page_sends_access_denied_to_the_client_without_visiting_Oura()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (_, challenge) = OAuthBrowser.Pkce();
        var (_, _, form) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "deny-state"));
        form["decision"] = "deny";

        using var resumed = await browser.PostFormAsync(new Uri(fixture.PublicUrl, "/oauth/consent"), form);
        resumed.Headers.Location!.OriginalString.Should().StartWith(fixture.Url("/oauth/authorize").AbsoluteUri + "?");
        using var final = await browser.GetAsync(new Uri(fixture.PublicUrl, resumed.Headers.Location!.OriginalString));

        final.StatusCode.Should().Be(HttpStatusCode.Redirect);
        final.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(OAuthBrowser.RedirectUri);
        var answer = QueryHelpers.ParseQuery(final.Headers.Location!.Query);
        answer["error"].ToString().Should().Be("access_denied");
        answer["state"].ToString().Should().Be("deny-state");
        answer.ContainsKey("code").Should().BeFalse();
    }

    [Fact]
    public async Task A_consent_form_without_its_cookie_is_refused()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (_, challenge) = OAuthBrowser.Pkce();
        var (_, _, form) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "s"));
        browser.RestoreCookies([]);

        using var response = await browser.PostFormAsync(new Uri(fixture.PublicUrl, "/oauth/consent"), form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task A_reused_authorization_code_is_refused()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "s"));
        var exchange = browser.CodeExchange(clientId, QueryHelpers.ParseQuery(redirect.Query)["code"].ToString(), verifier);

        (await browser.TokenAsync(exchange)).Status.Should().Be(HttpStatusCode.OK);
        var (again, body) = await browser.TokenAsync(exchange);

        again.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task A_code_exchange_with_the_wrong_verifier_or_another_resource_is_refused()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "s"));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();

        var wrongResource = browser.CodeExchange(clientId, code, verifier);
        wrongResource["resource"] = "https://other.example/mcp";
        (await browser.TokenAsync(wrongResource)).Status.Should().Be(HttpStatusCode.BadRequest);
        (await browser.TokenAsync(browser.CodeExchange(clientId, code, OAuthBrowser.Pkce().Verifier))).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_authorize_request_for_another_resource_or_with_plain_PKCE_gets_no_consent_page()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (_, challenge) = OAuthBrowser.Pkce();

        using var otherResource = await browser.GetAsync(browser.AuthorizeUrl(clientId, challenge, "s", resource: "https://other.example/mcp"));
        var otherAnswer = await otherResource.Content.ReadAsStringAsync();
        otherResource.StatusCode.Should().Be(HttpStatusCode.BadRequest, otherAnswer);
        otherAnswer.Should().Contain("invalid_target").And.NotContain("<form");

        var plain = new Uri(browser.AuthorizeUrl(clientId, challenge, "s").AbsoluteUri.Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal));
        using var plainAnswer = await browser.GetAsync(plain);
        var plainText = await plainAnswer.Content.ReadAsStringAsync();
        plainAnswer.StatusCode.Should().Be(HttpStatusCode.BadRequest, plainText);
        plainText.Should().Contain("invalid_request").And.NotContain("<form");
    }

    [Fact]
    public async Task Forged_and_revoked_tokens_get_401_with_invalid_token()
    {
        using var browser = new OAuthBrowser(fixture);
        var (clientId, access, _) = await browser.ConnectAsync();
        using (var ok = await browser.McpAsync(access, McpHttp.Initialize)) ok.StatusCode.Should().Be(HttpStatusCode.OK);

        using (var forged = await browser.McpAsync(access[..^4] + "AAAA", McpHttp.Initialize))
        {
            forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            forged.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        }

        using var revoke = await browser.PostFormAsync(new Uri(fixture.PublicUrl, "/oauth/revoke"),
            new Dictionary<string, string> { ["token"] = access, ["client_id"] = clientId }, asBrowser: false);
        revoke.StatusCode.Should().Be(HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync());
        using var revoked = await browser.McpAsync(access, McpHttp.Initialize);
        revoked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_read_scope_gets_403_insufficient_scope_naming_it()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, access, _) = await browser.ConnectAsync(scope: null);

        using var response = await browser.McpAsync(access, McpHttp.Initialize);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"").And.Contain("scope=\"oura:read\"").And.Contain("resource_metadata=");
    }

    [Theory]
    [InlineData("https://10.0.0.7/client.json")]
    [InlineData("https://127.0.0.1/client.json")]
    [InlineData("https://[::1]/client.json")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    public async Task A_client_metadata_document_on_a_private_address_is_refused(string clientId)
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, challenge) = OAuthBrowser.Pkce();

        using var response = await browser.GetAsync(browser.AuthorizeUrl(clientId, challenge, "s"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("error").GetString().Should().Be("invalid_client");
        body.GetProperty("error_description").GetString().Should().Contain("private, loopback or link-local");
    }

    [Fact]
    public async Task Registration_refuses_confidential_clients_and_unsafe_redirect_uris()
    {
        using var browser = new OAuthBrowser(fixture);
        foreach (var body in new[]
                 {
                     """{"redirect_uris":["https://app.example/cb"],"token_endpoint_auth_method":"client_secret_basic"}""",
                     """{"redirect_uris":["http://app.example/cb"]}""",
                     """{"redirect_uris":[]}""",
                 })
        {
            using var response = await browser.Http.PostAsync(new Uri(fixture.PublicUrl, "/oauth/register"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        }
    }

    [Fact]
    public async Task The_Oura_callback_state_is_single_use()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (_, challenge) = OAuthBrowser.Pkce();
        var (_, _, form) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "s"));
        using var toOura = await browser.PostFormAsync(new Uri(fixture.PublicUrl, "/oauth/consent"), form);
        using var ouraAnswer = await browser.GetAsync(toOura.Headers.Location!);
        var callback = ouraAnswer.Headers.Location!;

        var cookies = browser.CookieSnapshot();
        using (var first = await browser.GetAsync(callback)) first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Replayed with the very cookies it first came with: the server, not the browser, must remember the state is spent.
        browser.RestoreCookies(cookies);
        using var second = await browser.GetAsync(callback);

        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await second.Content.ReadAsStringAsync()).Should().Contain("already used");
    }

    private static async Task<string> PersonalInfoAsync(OAuthBrowser browser, string access)
    {
        using var call = await browser.McpAsync(access, """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}""");
        call.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = await McpHttp.MessageAsync(call);
        var result = message.GetProperty("result");
        (result.TryGetProperty("isError", out var isError) && isError.GetBoolean()).Should().BeFalse(result.ToString());
        return result.GetProperty("structuredContent").GetProperty("email").GetString()!;
    }
}
