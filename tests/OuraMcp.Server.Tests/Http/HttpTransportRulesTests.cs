using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The streamable HTTP rules, checked with raw requests against the server process (<c>--http --demo</c>): the SDK's
/// transport (ModelContextProtocol.AspNetCore) and what the host adds around it (Host, Origin, CORS, body cap).
/// </summary>
public sealed class HttpTransportRulesTests(DemoHttpServer server) : IClassFixture<DemoHttpServer>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Initialize_is_answered_on_an_event_stream_that_nothing_buffers_caches_or_compresses()
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Initialize));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        response.Headers.CacheControl.NoStore.Should().BeTrue();
        response.Content.Headers.ContentEncoding.Should().Equal("identity");
        response.Headers.GetValues("X-Accel-Buffering").Should().Equal("no");
        var message = await McpHttp.MessageAsync(response);
        message.GetProperty("id").GetInt32().Should().Be(1);
        message.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString().Should().Be("oura-mcp");
        message.GetProperty("result").GetProperty("protocolVersion").GetString().Should().Be("2025-11-25");
    }

    [Fact]
    public async Task The_server_is_stateless_and_answers_any_request_without_a_session()
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.ToolsList));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Mcp-Session-Id").Should().BeFalse();
        var message = await McpHttp.MessageAsync(response);
        message.GetProperty("result").GetProperty("tools").GetArrayLength().Should().Be(DefinedTools.Count);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Methods_other_than_post_get_405_with_allow_post(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), server.Url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");

        using var response = await _http.SendAsync(request);

        // Stateless, the package maps no GET (no stream to open) or DELETE (no session to end): routing answers 405.
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/json")]
    public async Task A_body_that_is_not_application_json_gets_415(string contentType)
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping, contentType: contentType));

        // Routing refuses it by the endpoint's declared media type, before the transport: no JSON-RPC body.
        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Application_json_with_a_charset_is_json()
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping, contentType: "application/json; charset=utf-8"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    [InlineData("text/html")]
    [InlineData("")]
    public async Task A_client_that_does_not_accept_both_json_and_event_streams_gets_406(string accept)
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping, accept: accept));

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        await McpHttp.ErrorAsync(response, -32000);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*, text/*")]
    [InlineData("text/event-stream, application/json;q=0.5")]
    public async Task Wildcards_and_qualities_that_cover_both_types_are_accepted(string accept)
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping, accept: accept));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}")]
    [InlineData("\"ping\"")]
    [InlineData("{\"hello\":\"world\"}")]
    public async Task Malformed_json_a_batch_a_null_id_or_not_a_message_gets_400_invalid_request_with_a_null_id(string body)
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await McpHttp.ErrorAsync(response, -32600);
    }

    [Fact]
    public async Task An_unsupported_protocol_version_gets_400_naming_the_requested_one()
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Add("MCP-Protocol-Version", "2099-01-01");

        using var response = await _http.SendAsync(request);

        // The SDK decides which revisions it speaks; the server keeps no list of its own.
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await McpHttp.ErrorAsync(response, -32022, id: 7);
        error.GetProperty("data").GetProperty("requested").GetString().Should().Be("2099-01-01");
        error.GetProperty("data").GetProperty("supported").GetArrayLength().Should().BePositive();
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData("2025-03-26")]
    [InlineData("2024-11-05")]
    public async Task A_supported_protocol_version_header_is_served(string version)
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Add("MCP-Protocol-Version", version);

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await McpHttp.MessageAsync(response)).GetProperty("result").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task A_notification_gets_202_with_an_empty_body_and_no_content_type()
    {
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, """{"jsonrpc":"2.0","method":"notifications/initialized"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Content.Headers.ContentType.Should().BeNull();
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:5173")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://localhost")]
    public async Task A_loopback_origin_is_allowed(string origin)
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Add("Origin", origin);

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1.nip.io:8787")]
    public async Task Any_other_origin_gets_403(string origin)
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.TryAddWithoutValidation("Origin", origin);

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await McpHttp.ErrorAsync(response, -32000);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("evil.example.com:8787")]
    [InlineData("2130706433")]
    public async Task A_host_header_that_is_not_a_loopback_name_gets_403(string host)
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Host = host;

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await McpHttp.ErrorAsync(response, -32000);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task A_loopback_host_header_is_served_on_any_port(string name)
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Host = $"{name}:{server.Url.Port}";

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_gets_413()
    {
        var padding = new string(' ', 1024 * 1024);
        using var request = McpHttp.Post(server.Url, McpHttp.Ping + padding);
        // The server refuses a declared-too-large body without reading it and may then close the connection; a client
        // that streamed the whole megabyte regardless could meet a broken pipe before it reads the 413. Expect:
        // 100-continue has it wait for the server's verdict first, as careful clients do.
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await McpHttp.ErrorAsync(response, -32000);
    }

    [Fact]
    public async Task A_chunked_body_over_one_mebibyte_gets_413_too()
    {
        var bytes = Encoding.UTF8.GetBytes(McpHttp.Ping + new string(' ', 1024 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = new StreamContent(new UnknownLengthStream(bytes)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_just_under_the_cap_is_served()
    {
        var padding = new string(' ', 1024 * 1024 - McpHttp.Ping.Length);
        using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Ping + padding));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_posts_each_get_their_own_working_event_stream()
    {
        // What the conformance scenario server-sse-multiple-streams checks, which it skips for a server without sessions.
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            using var response = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.ToolsList.Replace("\"id\":3", $"\"id\":{1000 + i}", StringComparison.Ordinal)));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
            return await McpHttp.MessageAsync(response);
        }));

        answers.Select(a => a.GetProperty("id").GetInt32()).Should().Equal(1000, 1001, 1002);
        answers.Should().OnlyContain(a => a.GetProperty("result").GetProperty("tools").GetArrayLength() == DefinedTools.Count);
    }

    [Fact]
    public async Task Logging_set_level_is_served_by_the_sdks_logging_capability()
    {
        using var initialize = await _http.SendAsync(McpHttp.Post(server.Url, McpHttp.Initialize));
        (await McpHttp.MessageAsync(initialize)).GetProperty("result").GetProperty("capabilities").TryGetProperty("logging", out _).Should().BeTrue();

        using var response = await _http.SendAsync(McpHttp.Post(server.Url, """{"jsonrpc":"2.0","id":4,"method":"logging/setLevel","params":{"level":"info"}}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await McpHttp.MessageAsync(response)).GetProperty("result").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task A_browser_preflight_from_an_allowed_origin_is_answered_with_the_mcp_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, server.Url);
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,mcp-protocol-version,mcp-session-id,authorization,mcp-method,mcp-name");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://localhost:5173");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Split(',').Should().Contain("POST");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',').Should()
            .Contain(["Content-Type", "MCP-Protocol-Version", "Mcp-Session-Id", "Authorization", "Mcp-Method", "Mcp-Name"]);
    }

    [Fact]
    public async Task A_browser_post_from_an_allowed_origin_may_read_the_mcp_headers()
    {
        using var request = McpHttp.Post(server.Url, McpHttp.Ping);
        request.Headers.Add("Origin", "http://127.0.0.1:5173");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://127.0.0.1:5173");
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',').Should()
            .Contain(["Mcp-Session-Id", "MCP-Protocol-Version", "WWW-Authenticate", "Retry-After"]);
    }

    [Fact]
    public async Task A_preflight_from_any_other_origin_gets_403_and_no_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, server.Url);
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Healthz_says_alive_and_readyz_says_ready()
    {
        using var alive = await _http.GetAsync(new Uri(server.Url, "/healthz"));
        using var ready = await _http.GetAsync(new Uri(server.Url, "/readyz"));

        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        (await alive.Content.ReadAsStringAsync()).Should().Be("Healthy");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Other_paths_are_not_found()
    {
        using var response = await _http.SendAsync(McpHttp.Post(new Uri(server.Url, "/"), McpHttp.Ping));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>A stream that cannot say its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
