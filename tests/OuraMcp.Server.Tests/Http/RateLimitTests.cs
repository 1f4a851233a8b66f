using System.Net;
using System.Net.Http.Headers;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http;

/// <summary>The per-caller budget on <c>/mcp</c> (<c>OURA_MCP_RATE_LIMIT</c> requests a minute), on the server process.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_budget_gets_429_with_retry_after_and_the_probes_still_answer()
    {
        await using var server = await HttpServerProcess.StartAsync(new Dictionary<string, string> { ["OURA_MCP_RATE_LIMIT"] = "3" }, "--demo");
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else response.Dispose();
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        using (refused)
        {
            // One request back every 20 s at 3 a minute.
            refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 20);
            (await McpHttp.ErrorAsync(refused, -32000)).GetProperty("message").GetString().Should().Contain("retry after");
        }

        using var alive = await http.GetAsync(new Uri(server.Url, "/healthz"));
        alive.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_budget_belongs_to_the_authenticated_caller_not_to_the_address()
    {
        var key = SecretScan.NewSecret("apikey");
        SecretScan.Register("the API key", key);
        await using var server = await HttpServerProcess.StartAsync(
            new Dictionary<string, string> { ["OURA_MCP_RATE_LIMIT"] = "2", ["OURA_MCP_API_KEY"] = key }, "--demo", "--auth", "api-key");
        using var http = new HttpClient();

        async Task<HttpStatusCode> PingAsync(string? bearer)
        {
            using var request = McpHttp.Post(server.Url, McpHttp.Ping);
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var signedIn = new[] { await PingAsync(key), await PingAsync(key), await PingAsync(key) };
        // Same address, no identity: its own budget, so the key's holder being over budget does not refuse it (401, not 429).
        var anonymous = await PingAsync(null);

        signedIn.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        anonymous.Should().Be(HttpStatusCode.Unauthorized);
    }
}
