using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// The authorization check's share of a warm tool call: the same call by one client, one call at a time, to a server
/// with <c>--auth none</c> and to one with <c>--auth oauth</c> (a reference token checked against the authorization
/// server's database, the person resolved from it, their stored Oura sign-in), both reading the same person at the same
/// fake Oura. Blocks of calls alternate between the two servers.
/// </summary>
public static class AuthorizationShare
{
    public static async Task RunAsync(TextWriter output, int blocks = 10, int callsPerBlock = 40)
    {
        var person = FakePeople.Demo(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));
        var options = new FakeOuraOptions { OAuthPerson = person };
        options.Accounts.Add(new FakeAccount(LoadComparison.Upstream.Token, person));
        await using var oura = await FakeOuraServer.StartAsync(options);
        var directory = Directory.CreateTempSubdirectory("oura-mcp-bench-auth-");
        try
        {
            await using var open = await ServerProcess.StartHttpAsync(LoadComparison.Environment(oura, directory.FullName));
            await using var guarded = await ServerProcess.StartOAuthAsync(oura, directory.FullName);
            using var http = OAuthDance.NewHttpClient();
            var token = await new OAuthDance(guarded.PublicUrl, http).ConnectAsync();
            await using var none = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = open.Url, TransportMode = HttpTransportMode.StreamableHttp }));
            await using var oauth = await McpClient.CreateAsync(new HttpClientTransport(new()
            {
                Endpoint = guarded.Url,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }));

            await CallsAsync(none, callsPerBlock);
            await CallsAsync(oauth, callsPerBlock);
            var noneCalls = new List<TimeSpan>();
            var oauthCalls = new List<TimeSpan>();
            var noneLists = new List<TimeSpan>();
            var oauthLists = new List<TimeSpan>();
            for (var block = 0; block < blocks; block++)
            {
                noneCalls.AddRange(await CallsAsync(none, callsPerBlock));
                oauthCalls.AddRange(await CallsAsync(oauth, callsPerBlock));
                noneLists.AddRange(await ListsAsync(none, callsPerBlock));
                oauthLists.AddRange(await ListsAsync(oauth, callsPerBlock));
            }

            var (a, b) = (Total(noneCalls), Total(oauthCalls));
            output.WriteLine($"One client, {LoadComparison.Tool}, one call at a time, warm:");
            output.WriteLine($"  --auth none:  {a.Describe()}");
            output.WriteLine($"  --auth oauth: {b.Describe()}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  oauth's share of the oauth call at the median: {(b.Percentile(50) - a.Percentile(50)) / b.Percentile(50):P1} ({b.Percentile(50) - a.Percentile(50):F2} ms)"));
            // tools/list is authorized like a tool call but reads no person and no Oura: its difference is the token check alone.
            var (pa, pb) = (Total(noneLists), Total(oauthLists));
            output.WriteLine($"  tools/list, --auth none:  {pa.Describe()}");
            output.WriteLine($"  tools/list, --auth oauth: {pb.Describe()}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  the token check alone (tools/list's difference at the median): {pb.Percentile(50) - pa.Percentile(50):F2} ms, {(pb.Percentile(50) - pa.Percentile(50)) / b.Percentile(50):P1} of the oauth tool call"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Latencies Total(List<TimeSpan> calls) => new(calls, calls.Aggregate(TimeSpan.Zero, (x, y) => x + y));

    private static async Task<List<TimeSpan>> ListsAsync(McpClient client, int lists)
    {
        var times = new List<TimeSpan>(lists);
        for (var i = 0; i < lists; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.ListToolsAsync().ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(started));
        }

        return times;
    }

    private static async Task<List<TimeSpan>> CallsAsync(McpClient client, int calls)
    {
        var times = new List<TimeSpan>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await client.CallToolAsync(LoadComparison.Tool, new Dictionary<string, object?>()).ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(started));
            if (result.IsError == true) throw new InvalidOperationException($"{LoadComparison.Tool} failed.");
        }

        return times;
    }
}
