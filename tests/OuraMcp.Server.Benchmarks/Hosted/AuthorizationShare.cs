using System.Diagnostics;
using ModelContextProtocol.Client;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// The authorization check's share of a warm tool call: the same call by one client, one call at a time, to a server
/// with <c>--auth none</c> and to one with <c>--auth oauth</c> (a reference token checked against the authorization
/// server's database, the person resolved from it, their stored Oura sign-in), both reading the same person at the same
/// fake Oura. Blocks of calls alternate between the two servers.
/// <para>Given another build's <c>OuraMcp.Server.dll</c> (<c>hosted auth --against</c>), the first server is that build with
/// <c>--auth oauth</c> instead: the two builds' authorization checks side by side, in the same conditions.</para>
/// </summary>
public static class AuthorizationShare
{
    public static async Task RunAsync(TextWriter output, string? against = null, int blocks = 10, int callsPerBlock = 40)
    {
        var person = FakePeople.Demo(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));
        var options = new FakeOuraOptions { OAuthPerson = person };
        options.Accounts.Add(new FakeAccount(LoadComparison.Upstream.Token, person));
        await using var oura = await FakeOuraServer.StartAsync(options);
        var directory = Directory.CreateTempSubdirectory("oura-mcp-bench-auth-");
        try
        {
            await using var open = against is null
                ? await ServerProcess.StartHttpAsync(LoadComparison.Environment(oura, directory.FullName))
                : await ServerProcess.StartOAuthAsync(oura, directory.CreateSubdirectory("against").FullName, dll: against);
            await using var guarded = await ServerProcess.StartOAuthAsync(oura, directory.FullName);
            using var http = OAuthDance.NewHttpClient();
            await using var none = await ClientAsync(open, against is null ? null : await new OAuthDance(open.PublicUrl, http).ConnectAsync());
            await using var oauth = await ClientAsync(guarded, await new OAuthDance(guarded.PublicUrl, http).ConnectAsync());
            var (first, second) = against is null ? ("--auth none: ", "--auth oauth:") : ("oauth, against:", "oauth, this build:");

            await CallsAsync(none, callsPerBlock);
            await CallsAsync(oauth, callsPerBlock);
            var noneCalls = new List<TimeSpan>();
            var oauthCalls = new List<TimeSpan>();
            var noneTemplates = new List<TimeSpan>();
            var oauthTemplates = new List<TimeSpan>();
            for (var block = 0; block < blocks; block++)
            {
                noneCalls.AddRange(await CallsAsync(none, callsPerBlock));
                oauthCalls.AddRange(await CallsAsync(oauth, callsPerBlock));
                noneTemplates.AddRange(await TemplatesAsync(none, callsPerBlock));
                oauthTemplates.AddRange(await TemplatesAsync(oauth, callsPerBlock));
            }

            var (a, b) = (Total(noneCalls), Total(oauthCalls));
            output.WriteLine($"One client, {LoadComparison.Tool}, one call at a time, warm:");
            output.WriteLine($"  {first} {a.Describe()}");
            output.WriteLine($"  {second} {b.Describe()}");
            output.WriteLine(against is null
                ? FormattableString.Invariant($"  oauth's share of the oauth call at the median: {(b.Percentile(50) - a.Percentile(50)) / b.Percentile(50):P1} ({b.Percentile(50) - a.Percentile(50):F2} ms)")
                : FormattableString.Invariant($"  this build's call against the other's at the median: {b.Percentile(50) - a.Percentile(50):+0.00;-0.00} ms ({(b.Percentile(50) - a.Percentile(50)) / a.Percentile(50):+0.0%;-0.0%})"));
            // resources/templates/list is authorized like a tool call but reads no person and no Oura, and its answer is a short
            // fixed list: its difference is the token check alone. (tools/list's answer, the whole tool catalog with its
            // schemas, costs the client more to read than the check costs the server, and made the difference noisy.)
            var (pa, pb) = (Total(noneTemplates), Total(oauthTemplates));
            output.WriteLine($"  resources/templates/list, {first} {pa.Describe()}");
            output.WriteLine($"  resources/templates/list, {second} {pb.Describe()}");
            output.WriteLine(against is null
                ? FormattableString.Invariant($"  the token check alone (resources/templates/list's difference at the median): {pb.Percentile(50) - pa.Percentile(50):F2} ms, {(pb.Percentile(50) - pa.Percentile(50)) / b.Percentile(50):P1} of the oauth tool call")
                : FormattableString.Invariant($"  this build's resources/templates/list against the other's at the median: {pb.Percentile(50) - pa.Percentile(50):+0.00;-0.00} ms"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Task<McpClient> ClientAsync(ServerProcess server, string? token) => McpClient.CreateAsync(new HttpClientTransport(new()
    {
        Endpoint = server.Url,
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
    }));

    private static Latencies Total(List<TimeSpan> calls) => new(calls, calls.Aggregate(TimeSpan.Zero, (x, y) => x + y));

    private static async Task<List<TimeSpan>> TemplatesAsync(McpClient client, int lists)
    {
        var times = new List<TimeSpan>(lists);
        for (var i = 0; i < lists; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.ListResourceTemplatesAsync().ConfigureAwait(false);
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
