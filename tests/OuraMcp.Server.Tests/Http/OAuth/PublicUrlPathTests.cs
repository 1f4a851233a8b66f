using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// <c>--public-url http://127.0.0.1:PORT/oura</c>, as behind a proxy that serves the server under a path: the metadata,
/// the issuer, the resource, the challenge and the redirect URIs carry the path, and the routes answer under it (a proxy
/// passing the path on) and without it (a proxy stripping it).
/// </summary>
public sealed class PublicUrlPathTests(PublicUrlPathTests.PathServer fixture) : IClassFixture<PublicUrlPathTests.PathServer>
{
    [Fact]
    public async Task The_metadata_issuer_resource_and_challenge_are_built_from_the_public_url_with_its_path()
    {
        using var browser = new OAuthBrowser(fixture);
        var issuer = fixture.Url("/").AbsoluteUri;
        issuer.Should().EndWith("/oura/");

        using (var anonymous = await browser.McpAsync(null, McpHttp.Initialize))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            anonymous.Headers.WwwAuthenticate.ToString().Should().Contain($"resource_metadata=\"{fixture.Url("/.well-known/oauth-protected-resource/mcp").AbsoluteUri}\"");
        }

        var resource = JsonDocument.Parse(await browser.Http.GetStringAsync(fixture.Url("/.well-known/oauth-protected-resource/mcp"))).RootElement;
        resource.GetProperty("resource").GetString().Should().Be(fixture.Url("/mcp").AbsoluteUri);
        resource.GetProperty("authorization_servers")[0].GetString().Should().Be(issuer);

        var server = JsonDocument.Parse(await browser.Http.GetStringAsync(fixture.Url("/.well-known/oauth-authorization-server"))).RootElement;
        server.GetProperty("issuer").GetString().Should().Be(issuer);
        foreach (var (field, path) in new[] { ("authorization_endpoint", "/oauth/authorize"), ("token_endpoint", "/oauth/token"), ("registration_endpoint", "/oauth/register"), ("revocation_endpoint", "/oauth/revoke") })
            server.GetProperty(field).GetString().Should().Be(fixture.Url(path).AbsoluteUri, field);
    }

    [Fact]
    public async Task The_dance_runs_under_the_path_with_the_Oura_redirect_uri_under_it_and_the_token_works_with_or_without_the_path()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var (_, _, form) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "path-state"));
        using (var toOura = await browser.PostFormAsync(fixture.Url("/oauth/consent"), form))
        {
            QueryHelpers.ParseQuery(toOura.Headers.Location!.Query)["redirect_uri"].ToString().Should().Be(fixture.Url("/oauth/oura/callback").AbsoluteUri);
        }

        // SignInAsync checks each step lands under the public URL: consent, Oura, our callback, the resumed authorize.
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "path-state"));
        var answer = QueryHelpers.ParseQuery(redirect.Query);
        answer["iss"].ToString().Should().Be(fixture.Url("/").AbsoluteUri);
        var (status, tokens) = await browser.TokenAsync(browser.CodeExchange(clientId, answer["code"].ToString(), verifier));
        status.Should().Be(HttpStatusCode.OK, tokens.ToString());
        var access = tokens.GetProperty("access_token").GetString()!;

        (await browser.EmailAsync(access)).Should().Be(await fixture.FakePersonEmailAsync());
        // A proxy that strips the path sends /mcp: the same server, the same resource, the same token.
        using var stripped = McpHttp.Post(new Uri(fixture.PublicUrl.GetLeftPart(UriPartial.Authority) + "/mcp"), McpHttp.Initialize);
        stripped.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        using var strippedAnswer = await browser.Http.SendAsync(stripped);
        strippedAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public sealed class PathServer : OAuthServerFixture
    {
        protected override string PublicPath => "/oura";
    }
}
