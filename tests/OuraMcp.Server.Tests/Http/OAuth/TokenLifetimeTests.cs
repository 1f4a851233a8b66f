using System.Net;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>Access tokens end: when they expire, and at any server whose resource they were not issued for.</summary>
public sealed class TokenLifetimeTests(ShortLivedTokensFixture fixture) : IClassFixture<ShortLivedTokensFixture>
{
    [Fact]
    public async Task A_token_is_refused_by_a_server_for_another_resource_and_once_it_has_expired()
    {
        // Another public URL on the same database and keys: it could read the token, but it is not this resource's.
        var other = new Uri($"http://127.0.0.1:{OAuthServerFixture.FreePort()}");
        await using var otherServer = await fixture.StartServerAsync(other);
        using var browser = new OAuthBrowser(fixture);
        var (_, access, _) = await browser.ConnectAsync();

        using (var ok = await browser.McpAsync(access, McpHttp.Initialize)) ok.StatusCode.Should().Be(HttpStatusCode.OK);
        using var request = McpHttp.Post(new Uri(other, "/mcp"), McpHttp.Initialize);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        using (var elsewhere = await browser.Http.SendAsync(request))
        {
            elsewhere.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            elsewhere.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        using var expired = await browser.McpAsync(access, McpHttp.Initialize);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        expired.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }
}
