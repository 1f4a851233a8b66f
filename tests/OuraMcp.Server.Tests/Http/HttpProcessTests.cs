using System.Net;

namespace OuraMcp.Server.Tests.Http;

/// <summary>The HTTP mode's process: options, what it says on stderr, and how it stops.</summary>
public sealed class HttpProcessTests
{
    [Fact]
    public async Task It_prints_its_url_listens_on_loopback_and_stops_cleanly_on_sigterm()
    {
        await using var server = await HttpServerProcess.StartAsync("--demo");
        server.Url.Host.Should().Be("127.0.0.1");
        server.Url.AbsolutePath.Should().Be("/mcp");

        await server.TerminateAsync();

        server.ExitCode.Should().Be(0, server.Stderr);
        server.Stderr.Should().NotContain("fail:").And.NotContain("Unhandled");
    }

    [Fact]
    public async Task Allowed_origins_are_served_and_others_still_refused()
    {
        await using var server = await HttpServerProcess.StartAsync("--demo", "--allowed-origins", "https://app.example, http://tools.example:3000");
        using var http = new HttpClient();

        async Task<HttpStatusCode> FromAsync(string origin)
        {
            using var request = McpHttp.Post(server.Url, McpHttp.Ping);
            request.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        (await FromAsync("https://app.example")).Should().Be(HttpStatusCode.OK);
        (await FromAsync("HTTPS://APP.EXAMPLE")).Should().Be(HttpStatusCode.OK);
        (await FromAsync("http://tools.example:3000")).Should().Be(HttpStatusCode.OK);
        (await FromAsync("http://tools.example:3001")).Should().Be(HttpStatusCode.Forbidden);
        (await FromAsync("https://other.example")).Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Binding_beyond_loopback_without_authorization_exits_saying_why_and_what_to_use()
    {
        var outcome = await Support.ServerProcess.RunAsync("--http", "--demo", "--bind", "0.0.0.0", "--port", "0");

        outcome.ExitCode.Should().Be(2, outcome.Stderr);
        outcome.Stderr.Should().Contain("--auth none").And.Contain("--auth api-key").And.NotContain("listening on");
    }

    [Fact]
    public async Task Api_key_mode_without_the_key_exits_saying_how_to_make_one()
    {
        var outcome = await Support.ServerProcess.RunAsync("--http", "--demo", "--auth", "api-key", "--port", "0");

        outcome.ExitCode.Should().Be(2, outcome.Stderr);
        outcome.Stderr.Should().Contain("OURA_MCP_API_KEY").And.Contain("openssl rand").And.NotContain("listening on");
    }

    [Fact]
    public async Task Oauth_mode_checks_its_public_url_and_asks_for_the_Oura_app_it_signs_people_in_with()
    {
        var bad = await Support.ServerProcess.RunAsync("--http", "--auth", "oauth", "--public-url", "http://oura.example", "--port", "0");
        var withoutApp = await Support.ServerProcess.RunAsync("--http", "--auth", "oauth", "--public-url", "https://oura.example", "--port", "0");
        var demo = await Support.ServerProcess.RunAsync("--http", "--demo", "--auth", "oauth", "--public-url", "https://oura.example", "--port", "0");

        bad.ExitCode.Should().Be(2, bad.Stderr);
        bad.Stderr.Should().Contain("https");
        withoutApp.ExitCode.Should().Be(2, withoutApp.Stderr);
        withoutApp.Stderr.Should().Contain("OURA_CLIENT_ID").And.Contain("/oauth/oura/callback").And.NotContain("listening on");
        demo.ExitCode.Should().Be(2, demo.Stderr);
        demo.Stderr.Should().Contain("--demo").And.NotContain("listening on");
    }
}
