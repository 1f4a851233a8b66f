using System.Net;
using System.Net.Sockets;
using System.Text;
using OuraMcp.FakeOura;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// Clients that stall, hang up mid-body or hang up mid-call are the client's fault, not the server's: each gets the
/// answer HTTP gives it (408, or nothing), the log stays free of "unhandled exception" and stack traces, and the
/// server goes on serving. Driven over raw sockets, since no HTTP client library misbehaves on purpose.
/// </summary>
public sealed class ClientMisbehaviourLogTests : IAsyncLifetime
{
    private HttpServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await HttpServerProcess.StartAsync("--demo");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_body_that_arrives_too_slowly_gets_408_and_no_stack_trace_in_the_log()
    {
        using var socket = await ConnectAsync();
        // Kestrel's minimum body data rate allows a 5-second grace period; one byte of a promised thousand stays under it.
        await SendAsync(socket, Head(contentLength: 1000) + "{");

        var answer = await ReceiveAsync(socket, TimeSpan.FromSeconds(30));

        answer.Should().StartWith("HTTP/1.1 408");
        await ShouldStillServeWithACleanLogAsync();
    }

    [Fact]
    public async Task A_client_that_resets_the_connection_mid_body_leaves_no_stack_trace_in_the_log()
    {
        using (var socket = await ConnectAsync())
        {
            await SendAsync(socket, Head(contentLength: 1000) + "{\"jsonrpc\":\"2.0\",");
            await Task.Delay(200);
            socket.LingerState = new LingerOption(true, 0); // close with RST, as a crashed client does
        }

        await ShouldStillServeWithACleanLogAsync();
    }

    [Fact]
    public async Task Clients_that_reset_while_their_body_is_read_are_not_the_applications_unhandled_exception()
    {
        // Ten resets at different moments: some reach Kestrel while the MCP transport is reading the body, which
        // throws ConnectionResetException into the application.
        for (var i = 0; i < 10; i++)
        {
            using var socket = await ConnectAsync();
            await SendAsync(socket, Head(contentLength: 1000) + "{\"jsonrpc\":\"2.0\",");
            await Task.Delay(20 * i);
            socket.LingerState = new LingerOption(true, 0);
        }

        using var http = new HttpClient();
        (await http.GetAsync(new Uri(_server.Url, "/healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(500);
        _server.Stderr.Should().NotContain("unhandled exception").And.NotContain("ConnectionResetException");
        _server.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_call_leaves_no_stack_trace_in_the_log()
    {
        // A server of its own, reading a fake Oura that holds every heart-rate page: the call is certainly in flight
        // when the client hangs up, so the cancellation, and what the log makes of it, always happens.
        const string token = "hang-up-token";
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount(token, Support.ServerHarness.Person));
        await using var fake = await FakeOuraServer.StartAsync(options);
        fake.Faults.Delay(TimeSpan.FromMinutes(5), count: null, pathPrefix: "/v2/usercollection/heartrate");
        await _server.DisposeAsync();
        _server = await HttpServerProcess.StartAsync(
            new Dictionary<string, string> { ["OURA_ACCESS_TOKEN"] = token, ["OURA_API_BASE_URL"] = fake.BaseAddress.AbsoluteUri });

        const string call = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_heart_rate","arguments":{"start_date":"2026-01-01","end_date":"2026-01-02","resolution":"raw"}}}""";
        for (var i = 1; i <= 3; i++)
        {
            using var socket = await ConnectAsync();
            await SendAsync(socket, Head(Encoding.UTF8.GetByteCount(call)) + call);
            await Eventually.HoldsAsync(() => fake.Faults.Waiting == 1, "the fake holds the call's heart-rate page");
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            // The server gives up the page it was waiting for: the cancellation reached the tool call.
            await Eventually.HoldsAsync(() => fake.Requests.All.Count(r => r.Status == 499) == i, "the server gives up the held page");
        }

        await ShouldStillServeWithACleanLogAsync();
    }

    private async Task ShouldStillServeWithACleanLogAsync()
    {
        using var http = new HttpClient();
        var health = new Uri(_server.Url, "/healthz");
        (await http.GetAsync(health)).StatusCode.Should().Be(HttpStatusCode.OK);
        // Kestrel finishes its side of a dropped connection after the answer above; give it a moment to log.
        await Task.Delay(500);
        (await http.GetAsync(health)).StatusCode.Should().Be(HttpStatusCode.OK);

        _server.Stderr.Should().NotContain("unhandled exception", "a misbehaving client is not the server's error");
        _server.Stderr.Should().NotContain("   at ", "the log carries no stack trace for a client's fault");
        _server.HasExited.Should().BeFalse();
    }

    private string Head(int contentLength) =>
        $"POST {_server.Url.AbsolutePath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        $"Accept: application/json, text/event-stream\r\nContent-Length: {contentLength}\r\n\r\n";

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _server.Url.Port);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReceiveAsync(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
