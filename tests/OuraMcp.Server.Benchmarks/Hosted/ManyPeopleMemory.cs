using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Testing.Otlp;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// Memory of a <c>--auth oauth</c> server process with many people: each connects through the whole dance as a
/// different person at the fake Oura (30 days of data each) and then calls a tool now and then. The process's resident
/// memory is read from /proc, and its GC heap (as of its last collection) from the runtime metrics it exports over
/// OTLP, after start, with one person, with all of them connected, and after another round of calls.
/// </summary>
public static class ManyPeopleMemory
{
    public static async Task RunAsync(TextWriter output, int people = 1000, int atOnce = 8)
    {
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var options = new FakeOuraOptions();
        for (var i = 0; i < people; i++) options.OAuthPeople.Add(FakePeople.Create($"person-{i:D4}", 1_000 + i, "Europe/Helsinki", lastDay.AddDays(-29), lastDay));
        await using var oura = await FakeOuraServer.StartAsync(options);
        await using var collector = await OtlpReceiver.StartAsync();
        var directory = Directory.CreateTempSubdirectory("oura-mcp-bench-memory-");
        try
        {
            await using var server = await ServerProcess.StartOAuthAsync(oura, directory.FullName, new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            });
            using var http = OAuthDance.NewHttpClient();
            var started = server.WorkingSetBytes();
            var startedHeap = await HeapAsync(collector);
            var tokens = new string[people];
            tokens[0] = await new OAuthDance(server.PublicUrl, http).ConnectAsync(options.OAuthPeople[0].Id);
            await CallAsync(http, server.Url, tokens[0]);
            var one = server.WorkingSetBytes();
            var oneHeap = await HeapAsync(collector);

            await Parallel.ForEachAsync(Enumerable.Range(1, people - 1), new ParallelOptions { MaxDegreeOfParallelism = atOnce }, async (i, _) =>
            {
                tokens[i] = await new OAuthDance(server.PublicUrl, http).ConnectAsync(options.OAuthPeople[i].Id);
                await CallAsync(http, server.Url, tokens[i]);
            });
            var connected = server.WorkingSetBytes();
            var connectedHeap = await HeapAsync(collector);

            // Occasional calls: everyone once more, a few at a time.
            await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = atOnce }, async (token, _) => await CallAsync(http, server.Url, token));
            var later = server.WorkingSetBytes();
            var laterHeap = await HeapAsync(collector);

            output.WriteLine($"--auth oauth server process, {people} people connected through the dance, each calling {LoadComparison.Tool}:");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  resident memory: {Mb(started)} after start, {Mb(one)} with one person, {Mb(connected)} with {people} connected, {Mb(later)} after another call each"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  GC heap at the last collection: {Mb(startedHeap)}, {Mb(oneHeap)}, {Mb(connectedHeap)}, {Mb(laterHeap)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  per person beyond the first: {(later - one) / 1024.0 / (people - 1):F1} KB resident, {(laterHeap - oneHeap) / 1024.0 / (people - 1):F1} KB of GC heap; Oura requests served: {oura.Requests.Count()}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static readonly string ToolCall = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/call",
        ["params"] = new Dictionary<string, object> { ["name"] = LoadComparison.Tool, ["arguments"] = new Dictionary<string, object>() },
    });

    private static async Task CallAsync(HttpClient http, Uri mcp, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcp)
        {
            Content = new StringContent(ToolCall, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("\"isError\":true", StringComparison.Ordinal))
            throw new InvalidOperationException($"{LoadComparison.Tool} failed ({(int)response.StatusCode}).");
    }

    /// <summary>The GC heap the server reported in its next export (its metrics go out every second).</summary>
    private static async Task<long> HeapAsync(OtlpReceiver collector)
    {
        var seen = collector.Bodies("/v1/metrics").Count;
        for (var waited = 0; waited < 100; waited++)
        {
            var bodies = collector.Bodies("/v1/metrics");
            foreach (var body in bodies.Skip(seen).Reverse())
                if (OtlpMessages.MetricTotals(body).TryGetValue("dotnet.gc.last_collection.heap.size", out var heap)) return (long)heap;
            await Task.Delay(100);
        }

        throw new InvalidOperationException("The server exported no GC heap size within 10 s.");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");
}
