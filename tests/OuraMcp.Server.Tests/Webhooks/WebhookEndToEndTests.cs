using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using Xunit.Abstractions;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// The fake changes a night's sleep score and delivers the signed event to the hosted server; the stored document
/// changes (fetched by id, no range fetch), the night becomes provisional again, and a client subscribed to an
/// affected resource over a transport that keeps a stream is told. Stateless streamable HTTP has no stream to push on
/// (the SDK disables GET and unsolicited messages in that mode), so the subscribed session here is a stream session
/// (as stdio is) served by the hosted process's own services.
/// </summary>
public sealed class WebhookEndToEndTests(ITestOutputHelper output)
{
    private static readonly DateOnly Night = WebhookRig.Today.AddDays(-3);

    [Fact]
    public async Task A_changed_night_reaches_the_history_and_the_subscribed_session()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var zone = WebhookRig.Person.TimeZone;
        var sync = new HistorySync(rig.App.Services.GetRequiredService<IOuraClient>(), rig.Store, TimeProvider.System);
        await sync.RunAsync(new HistorySyncRequest(WebhookRig.HistoryKey, zone) { Since = WebhookRig.Today.AddDays(-10), Collections = [OuraCatalog.DailySleep] }, null, CancellationToken.None);
        (await rig.Store.GetSettledAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, CancellationToken.None)).Should().ContainSingle()
            .Which.Contains(Night).Should().BeTrue("the sync settled the night");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);
        var before = await ScoreAsync(rig);

        await using var session = await StreamSession.ConnectAsync(rig.App.Services);
        var told = new List<string>();
        var affected = new[] { $"oura://day/{Day(Night)}", $"oura://daily_sleep/{Day(Night)}", $"oura://daily_sleep/{Day(Night.AddDays(-5))}/{Day(Night.AddDays(1))}" };
        var unaffected = new[] { $"oura://sleep/{Day(Night)}", $"oura://day/{Day(Night.AddDays(-1))}", $"oura://daily_sleep/{Day(Night.AddDays(-1))}" };
        var allTold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var uri in affected.Concat(unaffected))
        {
            await session.Client.SubscribeToResourceAsync(uri, (n, _) =>
            {
                lock (told)
                {
                    told.Add(n.Uri);
                    if (told.Count >= affected.Length) allTold.TrySetResult();
                }
                return ValueTask.CompletedTask;
            });
        }

        rig.Fake.Requests.Clear();
        var clock = Stopwatch.StartNew();
        var attempts = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = before == 97 ? 96 : 97 });
        var acknowledged = clock.Elapsed;
        while (await ScoreAsync(rig) == before && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(5);
        var stored = clock.Elapsed;
        await allTold.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(300);

        attempts.Should().ContainSingle().Which.Status.Should().Be(200);
        (await ScoreAsync(rig)).Should().Be(before == 97 ? 96 : 97);
        lock (told) told.Should().BeEquivalentTo(affected, "exactly the subscribed resources that hold the night are told");
        var settled = await rig.Store.GetSettledAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, CancellationToken.None);
        settled.Should().NotContain(i => i.Contains(Night), "a day a webhook changed is provisional again");
        settled.Should().Contain(i => i.Contains(Night.AddDays(-1)));
        rig.Fake.Requests.All.Where(r => r.Path.StartsWith("/v2/usercollection/daily_sleep", StringComparison.Ordinal)).Select(r => r.Path)
            .Should().Equal([$"/v2/usercollection/daily_sleep/{id}"], "the changed document is fetched by its id, never by a range");
        // The next question about the night is answered from the history with the new score, without a range fetch.
        var answer = await session.Client.CallToolAsync("get_sleep", new Dictionary<string, object?> { ["start_date"] = Day(Night), ["end_date"] = Day(Night) });
        answer.IsError.Should().NotBe(true, string.Join("\n", answer.Content.OfType<TextContentBlock>().Select(b => b.Text)));
        answer.StructuredContent!.Value.GetProperty("rows")[0][answer.StructuredContent.Value.GetProperty("columns").EnumerateArray().ToList().FindIndex(c => c.GetString() == "score")]
            .GetInt32().Should().Be(before == 97 ? 96 : 97);
        answer.StructuredContent.Value.GetProperty("history").GetProperty("days_asked").GetInt32().Should().Be(1, "the tool read through the history");
        rig.Fake.Requests.All.Where(r => r.Path.StartsWith("/v2/usercollection/daily_sleep", StringComparison.Ordinal)).Select(r => r.Path)
            .Should().Equal([$"/v2/usercollection/daily_sleep/{id}"], "get_sleep found the night in the history");
        var received = (await rig.Inbox.ListAsync(CancellationToken.None)).Single().ReceivedAt;
        var fetched = (await rig.Store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, Night, Night, CancellationToken.None)).Single().FetchedAt;
        output.WriteLine($"webhook acknowledged {acknowledged.TotalMilliseconds:0} ms and seen stored {stored.TotalMilliseconds:0} ms after the change on the fake; " +
                         $"arrival to document fetched: {(fetched - received).TotalMilliseconds:0} ms");

        lock (told) told.Clear();
        allTold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await rig.Fake.DeleteDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id);
        await allTold.Task.WaitAsync(TimeSpan.FromSeconds(20));
        (await rig.Store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, Night, Night, CancellationToken.None)).Should().BeEmpty("Oura deleted it");
    }

    private static async Task<int?> ScoreAsync(WebhookRig rig)
    {
        var stored = await rig.Store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, Night, Night, CancellationToken.None);
        return stored.Count == 0 ? null : JsonNode.Parse(stored[0].Json)!["score"]?.GetValue<int>();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An MCP session over in-memory pipes, served by the hosted application's services (its subscriptions, its people).</summary>
    private sealed class StreamSession : IAsyncDisposable
    {
        private readonly McpServer _server;
        private readonly Task _running;
        private readonly CancellationTokenSource _stop = new();

        private StreamSession(McpServer server, McpClient client)
        {
            _server = server;
            Client = client;
            _running = server.RunAsync(_stop.Token);
        }

        public McpClient Client { get; private set; }

        public static async Task<StreamSession> ConnectAsync(IServiceProvider services)
        {
            var clientToServer = new Pipe();
            var serverToClient = new Pipe();
            var options = services.GetRequiredService<IOptions<McpServerOptions>>().Value;
            var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream()),
                options, services.GetRequiredService<ILoggerFactory>(), services);
            var session = new StreamSession(server, null!);
            // resources/subscribe exists up to protocol 2025-11-25.
            session.Client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
                new McpClientOptions { ProtocolVersion = "2025-11-25" });
            return session;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
            await _server.DisposeAsync();
            _stop.Dispose();
        }
    }
}
