using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Http;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tests.People;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Server.Tests.Webhooks;

namespace OuraMcp.Server.Tests.Resources;

/// <summary>
/// Resource updates on protocol 2026-07-28, where <c>resources/subscribe</c> is gone: a client opens
/// <c>subscriptions/listen</c> with the URIs it wants, and a sync or a webhook's change reaches that stream, for the
/// person who asked only.
/// </summary>
public sealed class ResourceListenTests
{
    [Fact]
    public async Task A_sync_reaches_the_persons_own_listen_stream_and_never_another_persons_with_the_same_uris()
    {
        await using var server = ManyPeopleServer.Start();
        var alice = await server.ConnectAsync("bearer-alice");
        var bob = await server.ConnectAsync("bearer-bob");
        alice.NegotiatedProtocolVersion.Should().Be("2026-07-28");
        alice.ServerCapabilities.Resources!.Subscribe.Should().BeTrue("resource subscriptions are granted on subscriptions/listen");
        new[] { alice.ServerCapabilities.Tools?.ListChanged, alice.ServerCapabilities.Prompts?.ListChanged, alice.ServerCapabilities.Resources.ListChanged }
            .Should().NotContain(true, "the lists never change, so no list change is offered");
        string[] affected = [$"oura://daily_sleep/{Day(3)}", $"oura://day/{Day(2)}"];
        string[] asked = [.. affected, $"oura://workout/{Day(3)}", "oura://nothing"];

        var (aliceHears, aliceGranted) = await ResourceListener.OpenAsync(alice, asked);
        await using var bobHears = (await ResourceListener.OpenAsync(bob, asked)).Listener;
        aliceGranted.Should().Equal(asked[..3], "every readable URI is granted, and only those");
        await SyncAsync(alice);
        await aliceHears.WaitForAsync(affected.Length);
        await Task.Delay(300);

        aliceHears.Updated.Should().BeEquivalentTo(affected, "exactly the resources holding a synced day of a synced collection");
        bobHears.Updated.Should().BeEmpty("Alice's sync changed none of Bob's data, though he listens to the same URIs");

        await SyncAsync(bob);
        await bobHears.WaitForAsync(affected.Length);
        await Task.Delay(300);
        bobHears.Updated.Should().BeEquivalentTo(affected);
        aliceHears.Updated.Should().HaveCount(affected.Length, "Bob's sync is not Alice's");

        var subscriptions = server.Services.GetRequiredService<ResourceSubscriptions>();
        subscriptions.UrisOf("alice").Should().BeEquivalentTo(asked[..3]);
        await aliceHears.DisposeAsync();
        for (var i = 0; i < 200 && subscriptions.UrisOf("alice").Count > 0; i++) await Task.Delay(20);
        subscriptions.UrisOf("alice").Should().BeEmpty("a cancelled stream is forgotten");
        subscriptions.UrisOf("bob").Should().BeEquivalentTo(asked[..3]);
        subscriptions.Count.Should().Be(3, "Alice's ended stream leaves no empty entries behind, only Bob's three URIs");
    }

    [Fact]
    public async Task A_webhooks_change_reaches_a_listen_stream_over_stateless_streamable_http()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var night = WebhookRig.Today.AddDays(-3);
        var sync = new HistorySync(rig.App.Services.GetRequiredService<IOuraClient>(), rig.Store, TimeProvider.System);
        await sync.RunAsync(new HistorySyncRequest(WebhookRig.HistoryKey, WebhookRig.Person.TimeZone) { Since = WebhookRig.Today.AddDays(-10), Collections = [OuraCatalog.DailySleep] }, null, CancellationToken.None);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(HttpServer.ListeningUrl(rig.App)),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));
        client.NegotiatedProtocolVersion.Should().Be("2026-07-28");
        client.ServerCapabilities.Resources!.Subscribe.Should().BeTrue("a listen POST is a stream the server can answer on");
        await using (var legacy = await McpClient.CreateAsync(
                         new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(HttpServer.ListeningUrl(rig.App)), TransportMode = HttpTransportMode.StreamableHttp }),
                         new McpClientOptions { ProtocolVersion = "2025-11-25" }))
        {
            legacy.ServerCapabilities.Resources!.Subscribe.Should().NotBe(true, "before 2026-07-28, stateless HTTP has no stream to tell a subscriber on");
        }
        string[] affected = [$"oura://daily_sleep/{Format(night)}", $"oura://day/{Format(night)}"];

        await using var listener = (await ResourceListener.OpenAsync(client, [.. affected, $"oura://day/{Format(night.AddDays(-1))}"])).Listener;
        var attempts = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, WebhookRig.DocumentId(OuraCatalog.DailySleep, night), new JsonObject { ["score"] = 55 });
        await listener.WaitForAsync(affected.Length);
        await Task.Delay(300);

        attempts.Should().ContainSingle().Which.Status.Should().Be(200);
        listener.Updated.Should().BeEquivalentTo(affected, "the held-open listen POST carries the updates of the night the webhook changed");
        listener.Request.IsCompleted.Should().BeFalse("the stream stays open until the client cancels it");

        // A held-open listen ends when the server stops instead of holding up its graceful shutdown.
        var stopping = Stopwatch.StartNew();
        await rig.App.StopAsync();
        await listener.Request.WaitAsync(TimeSpan.FromSeconds(10));
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_sync_reaches_a_listen_stream_of_the_real_server_process_over_stdio()
    {
        var config = Directory.CreateTempSubdirectory("oura-mcp-config-").FullName;
        try
        {
            await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = "dotnet",
                Arguments = [ServerProcess.Dll, "--demo"],
                // The history the sync starts goes into a configuration folder of the test's own.
                EnvironmentVariables = new Dictionary<string, string?>
                {
                    ["XDG_CONFIG_HOME"] = config, ["OURA_TIMEZONE"] = "UTC", ["OURA_HISTORY_STORE"] = null, ["OURA_ACCESS_TOKEN"] = null,
                },
            }), ServerProcess.ClientOptions());
            client.NegotiatedProtocolVersion.Should().Be("2026-07-28");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            string[] affected = [$"oura://daily_sleep/{Format(today.AddDays(-3))}", $"oura://day/{Format(today.AddDays(-2))}"];
            var legacy = async () => await client.SubscribeToResourceAsync(affected[0]);
            (await legacy.Should().ThrowAsync<ModelContextProtocol.McpException>()).Which.Message.Should().Contain("resources/subscribe", "2026-07-28 has no resources/subscribe");

            await using var listener = (await ResourceListener.OpenAsync(client, [.. affected, $"oura://workout/{Format(today.AddDays(-3))}"])).Listener;
            var synced = await client.CallToolAsync("sync_history", new Dictionary<string, object?> { ["since"] = Format(today.AddDays(-5)), ["collections"] = "daily_sleep" });
            synced.IsError.Should().NotBe(true, string.Join("\n", synced.Content.OfType<TextContentBlock>().Select(b => b.Text)));
            await listener.WaitForAsync(affected.Length);
            await Task.Delay(300);

            listener.Updated.Should().BeEquivalentTo(affected);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    private static async Task SyncAsync(McpClient client)
    {
        var synced = await client.CallToolAsync("sync_history", new Dictionary<string, object?> { ["since"] = Day(5), ["collections"] = "daily_sleep" });
        synced.IsError.Should().NotBe(true, string.Join("\n", synced.Content.OfType<TextContentBlock>().Select(b => b.Text)));
    }

    private static string Day(int daysBeforeLast) => Format(ManyPeopleServer.LastDay.AddDays(-daysBeforeLast));

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
