using System.Text.Json.Nodes;
using OuraMcp.FakeOura;
using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Http;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// The server process as users run it: an event it acknowledged is in its database before the answer, so killing the
/// process (SIGKILL, nothing flushed, nothing cleaned up) before it is processed loses nothing; the next start processes it.
/// </summary>
public sealed class WebhookCrashTests
{
    [Fact]
    public async Task An_event_acknowledged_before_a_SIGKILL_is_processed_after_the_restart()
    {
        var fakeOptions = new FakeOuraOptions();
        fakeOptions.Accounts.Add(new FakeAccount(WebhookRig.Token, WebhookRig.Person));
        await using var fake = await FakeOuraServer.StartAsync(fakeOptions);
        var directory = Directory.CreateTempSubdirectory("oura-webhook-crash-").FullName;
        var database = Path.Combine(directory, "history.db");
        var environment = new Dictionary<string, string>
        {
            ["OURA_ACCESS_TOKEN"] = WebhookRig.Token,
            ["OURA_API_BASE_URL"] = fake.BaseAddress.AbsoluteUri,
            ["OURA_CLIENT_ID"] = FakeDefaults.ClientId,
            ["OURA_CLIENT_SECRET"] = FakeDefaults.ClientSecret,
            ["OURA_HISTORY_STORE"] = database,
            ["XDG_CONFIG_HOME"] = directory,
            // The processor waits ten minutes before taking events: the kill always comes between acknowledging and processing.
            [WebhookReceiverOptions.ProcessingDelayVariable] = "600000",
        };
        var night = WebhookRig.Today.AddDays(-2);
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, night);
        var store = new SqliteHistoryStore(database);
        try
        {
            await using var first = await HttpServerProcess.StartAsync(environment);
            var callback = new Uri(first.Url, "/webhooks/oura");
            await WebhookRig.SubscribeAsync(fake, callback, "daily_sleep", "update");

            var attempts = await fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 42 });
            attempts.Should().ContainSingle().Which.Status.Should().Be(200, "the event is acknowledged once it is kept");
            (await store.ListAsync(CancellationToken.None)).Should().ContainSingle().Which.State.Should().Be(WebhookEventState.Pending);

            await first.KillAsync();
            first.ExitCode.Should().Be(137, "SIGKILL ended it");
            (await store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, night, night, CancellationToken.None)).Should().BeEmpty("nothing was processed before the kill");

            environment.Remove(WebhookReceiverOptions.ProcessingDelayVariable);
            await using var second = await HttpServerProcess.StartAsync(environment);
            IReadOnlyList<HistoryDocument> stored = [];
            IReadOnlyList<WebhookInboxEntry> inbox = [];
            // The document is stored first and the event marked done after: wait for both.
            for (var waited = 0; waited < 300 && (stored.Count == 0 || inbox.Any(e => e.State == WebhookEventState.Pending)); waited++)
            {
                await Task.Delay(100);
                stored = await store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, night, night, CancellationToken.None);
                inbox = await store.ListAsync(CancellationToken.None);
            }

            stored.Should().ContainSingle("the restarted server processed the kept event");
            JsonNode.Parse(stored[0].Json)!["score"]!.GetValue<int>().Should().Be(42);
            inbox.Should().ContainSingle().Which.State.Should().Be(WebhookEventState.Done);
            second.Stderr.Should().NotContain(FakeDefaults.ClientSecret);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
