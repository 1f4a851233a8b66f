using System.Net;
using System.Net.Http.Headers;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http;

/// <summary><c>--auth api-key</c>: the server process, bound beyond loopback, serves only callers that send the key.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly string _key = SecretScan.NewSecret("apikey");
    private HttpServerProcess _server = null!;

    /// <summary>Bound to every address, reached on loopback: the Host header is then not restricted.</summary>
    private Uri Url => new UriBuilder(_server.Url) { Host = "127.0.0.1" }.Uri;

    public async Task InitializeAsync()
    {
        SecretScan.Register("the API key", _key);
        _server = await HttpServerProcess.StartAsync(
            new Dictionary<string, string> { ["OURA_MCP_API_KEY"] = _key, ["OURA_MCP_RATE_LIMIT"] = "1000" },
            "--demo", "--auth", "api-key", "--bind", "0.0.0.0");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_request_without_the_key_gets_401_with_a_bearer_challenge()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(McpHttp.Post(Url, McpHttp.Ping));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(c => c.Scheme == "Bearer" && !c.Parameter!.Contains("error"));
        (await McpHttp.ErrorAsync(response, -32000)).GetProperty("message").GetString().Should().Contain("OURA_MCP_API_KEY");
    }

    [Fact]
    public async Task A_browser_page_on_an_allowed_origin_can_read_the_challenge()
    {
        using var http = new HttpClient();
        using var request = McpHttp.Post(Url, McpHttp.Ping);
        request.Headers.Add("Origin", "http://localhost:3000");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:3000");
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',').Should().Contain("WWW-Authenticate");
    }

    [Fact]
    public async Task The_preflight_needs_no_key()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Url);
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',').Should().Contain("Authorization");
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("testsecret-apikey-000000000000000000000000")]
    public async Task A_wrong_key_gets_401_invalid_token(string wrong)
    {
        using var http = new HttpClient();
        using var request = McpHttp.Post(Url, McpHttp.Ping);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrong);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(c => c.Scheme == "Bearer" && c.Parameter!.Contains("error=\"invalid_token\""));
    }

    [Fact]
    public async Task The_key_as_bearer_is_served_whatever_the_host_header()
    {
        using var http = new HttpClient();
        using var request = McpHttp.Post(Url, McpHttp.Ping);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        // Bound to the network, the names the machine answers to are unknown: Host is not restricted, Origin still is.
        request.Headers.Host = "my-machine.lan";

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await McpHttp.MessageAsync(response)).GetProperty("id").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task The_sdk_client_sending_the_key_calls_a_tool()
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Url,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + _key },
        }));

        var result = await client.CallToolAsync("get_daily_summary", new Dictionary<string, object?>());

        result.IsError.Should().NotBe(true, because: string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
    }

    [Fact]
    public async Task Health_probes_need_no_key()
    {
        using var http = new HttpClient();

        using var alive = await http.GetAsync(new Uri(Url, "/healthz"));
        using var ready = await http.GetAsync(new Uri(Url, "/readyz"));

        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
