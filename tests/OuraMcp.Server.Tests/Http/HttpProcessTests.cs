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
    public async Task Binding_beyond_loopback_must_be_asked_for_and_warns_that_there_is_no_authorization()
    {
        await using var server = await HttpServerProcess.StartAsync("--demo", "--bind", "0.0.0.0");
        using var http = new HttpClient();
        var url = new UriBuilder(server.Url) { Host = "127.0.0.1" }.Uri;
        using var request = McpHttp.Post(url, McpHttp.Ping);
        // Bound to the network, the names the machine answers to are unknown: Host is not restricted, Origin still is.
        request.Headers.Host = "my-machine.lan";

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Stderr.Should().Contain("no authorization yet");
    }
}
