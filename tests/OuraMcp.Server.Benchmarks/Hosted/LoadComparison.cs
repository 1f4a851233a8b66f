using System.Diagnostics;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// Load over HTTP beside the same load over stdio, in one run: 50 clients calling a tool at once, against one server
/// process on <c>--http</c> (each client its own MCP connection) and against 50 stdio server processes (one client
/// each, as clients spawn them), every call reaching the fake Oura on loopback. Rounds alternate between the two, so
/// that a change in the machine's load hits both alike.
/// </summary>
public static class LoadComparison
{
    public const string Tool = "get_readiness";

    public static async Task RunAsync(TextWriter output, int clients = 50, int callsPerRound = 20, int rounds = 2)
    {
        await using var oura = await UpstreamAsync();
        var environment = Environment(oura.Server, oura.Config.FullName);
        await using var http = await ServerProcess.StartHttpAsync(environment);
        var patient = new McpClientOptions { InitializationTimeout = TimeSpan.FromMinutes(5) };
        var httpClients = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = http.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
        }), patient)));
        // The stdio processes start a few at a time: 50 at once on a shared 2-core machine time out their own start.
        var stdioClients = new List<McpClient>();
        foreach (var batch in Enumerable.Range(0, clients).Chunk(5))
        {
            stdioClients.AddRange(await Task.WhenAll(batch.Select(_ => McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = "dotnet",
                Arguments = [ServerProcess.Dll],
                EnvironmentVariables = environment.ToDictionary(p => p.Key, p => (string?)p.Value),
            }), patient))));
        }

        try
        {
            // Warm: every connection and every process has served the tool before anything is timed.
            await RoundAsync(httpClients, 2);
            await RoundAsync(stdioClients, 2);
            var httpCalls = new List<TimeSpan>();
            var stdioCalls = new List<TimeSpan>();
            TimeSpan httpTime = default, stdioTime = default;
            for (var round = 0; round < rounds; round++)
            {
                var (h, ht) = await RoundAsync(httpClients, callsPerRound);
                httpCalls.AddRange(h);
                httpTime += ht;
                var (s, st) = await RoundAsync(stdioClients, callsPerRound);
                stdioCalls.AddRange(s);
                stdioTime += st;
            }

            output.WriteLine($"{clients} clients, {Tool}, every call to the fake Oura on loopback:");
            output.WriteLine($"  HTTP, one server process:   {new Latencies(httpCalls, httpTime).Describe()}");
            output.WriteLine($"  stdio, {clients} server processes: {new Latencies(stdioCalls, stdioTime).Describe()}");
            output.WriteLine($"  upstream requests served by the fake: {oura.Server.Requests.Count()}");
        }
        finally
        {
            foreach (var client in httpClients.Concat(stdioClients)) await client.DisposeAsync();
        }
    }

    /// <summary>Every client makes <paramref name="calls"/> calls one after another, all clients at once.</summary>
    private static async Task<(List<TimeSpan> Calls, TimeSpan Elapsed)> RoundAsync(IReadOnlyList<McpClient> clients, int calls)
    {
        var started = Stopwatch.GetTimestamp();
        var perClient = await Task.WhenAll(clients.Select(async client =>
        {
            var times = new List<TimeSpan>(calls);
            for (var i = 0; i < calls; i++)
            {
                var call = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync(Tool, new Dictionary<string, object?>()).ConfigureAwait(false);
                times.Add(Stopwatch.GetElapsedTime(call));
                if (result.IsError == true) throw new InvalidOperationException($"{Tool} failed: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text))}");
            }

            return times;
        }));
        return (perClient.SelectMany(t => t).ToList(), Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The server's variables: one person's Oura token at the fake, a configuration directory of its own, no request limit.</summary>
    public static Dictionary<string, string> Environment(FakeOuraServer upstream, string configDirectory) => new()
    {
        ["OURA_ACCESS_TOKEN"] = Upstream.Token,
        ["OURA_API_BASE_URL"] = upstream.BaseAddress.AbsoluteUri.TrimEnd('/'),
        ["OURA_TIMEZONE"] = "Europe/Helsinki",
        ["XDG_CONFIG_HOME"] = configDirectory,
        ["OURA_MCP_RATE_LIMIT"] = "1000000",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static async Task<Upstream> UpstreamAsync()
    {
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount(Upstream.Token, FakePeople.Demo(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));
        return new Upstream(await FakeOuraServer.StartAsync(options), Directory.CreateTempSubdirectory("oura-mcp-bench-"));
    }

    /// <summary>The fake Oura on loopback with one person, and a throwaway configuration directory.</summary>
    public sealed record Upstream(FakeOuraServer Server, DirectoryInfo Config) : IAsyncDisposable
    {
        public const string Token = "bench-oura-token";

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Config.Delete(recursive: true);
        }
    }
}
