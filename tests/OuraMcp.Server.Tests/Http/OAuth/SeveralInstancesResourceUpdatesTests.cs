using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Npgsql;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Http;
using OuraMcp.Server.Tests.Resources;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// Two instances on one PostgreSQL, which also keeps the history, and a fake Oura at which Alice or Bob signs in: a
/// change stored by instance A reaches the listen streams held open on instance B, of the person it changed only.
/// </summary>
public sealed class SeveralInstancesResourceUpdatesTests(SeveralInstancesResourceUpdatesTests.TwoPeopleTwoInstances fixture)
    : IClassFixture<SeveralInstancesResourceUpdatesTests.TwoPeopleTwoInstances>
{
    private static readonly DateOnly LastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    [PostgresFact]
    public async Task A_sync_on_one_instance_reaches_the_persons_listen_stream_on_the_other_and_survives_a_dropped_listener()
    {
        using var aliceBrowser = new OAuthBrowser(fixture) { Instance = fixture.A };
        using var bobBrowser = new OAuthBrowser(fixture) { Instance = fixture.A };
        var (_, alice, _) = await aliceBrowser.ConnectAsync(ouraPerson: fixture.Alice.Id);
        var (_, bob, _) = await bobBrowser.ConnectAsync(ouraPerson: fixture.Bob.Id);
        string[] affected = [$"oura://daily_sleep/{Day(5)}", $"oura://day/{Day(4)}"];
        string[] asked = [.. affected, $"oura://workout/{Day(5)}"];

        await using var aliceOnB = await ClientAsync(fixture.B, alice);
        await using var bobOnB = await ClientAsync(fixture.B, bob);
        var (aliceHears, granted) = await ResourceListener.OpenAsync(aliceOnB, asked);
        await using var aliceListening = aliceHears;
        await using var bobHears = (await ResourceListener.OpenAsync(bobOnB, asked)).Listener;
        granted.Should().Equal(asked);
        await WaitForListenersAsync(except: [], count: 2);

        await SyncOnAAsync(aliceBrowser, alice);
        await aliceHears.WaitForAsync(affected.Length);
        await Task.Delay(500);
        aliceHears.Updated.Should().BeEquivalentTo(affected, "A's sync reaches Alice's stream on B, for the resources holding a synced day of the synced collection");
        bobHears.Updated.Should().BeEmpty("Alice's sync changed none of Bob's data, though he listens to the same URIs on the same instance");

        // Both instances' LISTEN connections are cut, as by a database restart or a failover: they come back by themselves.
        var cut = await TerminateListenersAsync();
        cut.Should().HaveCount(2, "each instance keeps one LISTEN connection");
        await WaitForListenersAsync(except: cut, count: 2);

        await SyncOnAAsync(aliceBrowser, alice);
        await aliceHears.WaitForAsync(2 * affected.Length);
        await Task.Delay(500);
        aliceHears.Updated.Should().HaveCount(2 * affected.Length, "a change after the connection was cut still reaches B");
        bobHears.Updated.Should().BeEmpty();
        aliceHears.Request.IsCompleted.Should().BeFalse("the listen stream stays open through the database connection's loss");
    }

    [PostgresFact]
    public async Task A_webhook_processed_by_one_instance_reaches_the_persons_listen_stream_on_the_other()
    {
        using var aliceBrowser = new OAuthBrowser(fixture) { Instance = fixture.A };
        using var bobBrowser = new OAuthBrowser(fixture) { Instance = fixture.A };
        var (_, alice, _) = await aliceBrowser.ConnectAsync(ouraPerson: fixture.Alice.Id);
        var (_, bob, _) = await bobBrowser.ConnectAsync(ouraPerson: fixture.Bob.Id);
        var night = LastDay.AddDays(-6);
        string[] affected = [$"oura://daily_sleep/{Day(6)}", $"oura://day/{Day(6)}"];
        string[] asked = [.. affected, $"oura://day/{Day(7)}"];
        await UpdatesSubscribedAsync("daily_sleep");

        await using var aliceOnB = await ClientAsync(fixture.B, alice);
        await using var bobOnB = await ClientAsync(fixture.B, bob);
        await using var aliceHears = (await ResourceListener.OpenAsync(aliceOnB, asked)).Listener;
        await using var bobHears = (await ResourceListener.OpenAsync(bobOnB, asked)).Listener;
        await WaitForListenersAsync(except: [], count: 2);
        var document = fixture.Alice.Documents(OuraCatalog.DailySleep).First(d => d.Day == night).Id!;
        var attempts = await fixture.Oura.ChangeDocumentAsync(fixture.Alice.Id, OuraCatalog.DailySleep, document, new JsonObject { ["score"] = 41 });
        attempts.Should().ContainSingle().Which.Status.Should().Be(200);
        attempts[0].CallbackUrl.Should().StartWith(fixture.A.AbsoluteUri, "the event went to A");

        await aliceHears.WaitForAsync(affected.Length);
        await Task.Delay(500);
        aliceHears.Updated.Should().BeEquivalentTo(affected, "the night the webhook changed, told on B");
        bobHears.Updated.Should().BeEmpty("the webhook changed Alice's data, not Bob's");
    }

    /// <summary>
    /// Waits until the instances' webhook upkeep (which runs at their start) subscribed the public URL, which is A, to
    /// <paramref name="dataType"/>'s updates at the fake Oura.
    /// </summary>
    private async Task UpdatesSubscribedAsync(string dataType)
    {
        using var http = new HttpClient { BaseAddress = fixture.Oura.BaseAddress };
        await Eventually.HoldsAsync(async () =>
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, "v2/webhook/subscription");
            list.Headers.Add("x-client-id", FakeDefaults.ClientId);
            list.Headers.Add("x-client-secret", FakeDefaults.ClientSecret);
            using var response = await http.SendAsync(list);
            var subscriptions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            return subscriptions.Any(s => (string?)s!["data_type"] == dataType && (string?)s["event_type"] == "update");
        }, "the instances subscribe the public URL to every data type at start");
    }

    private async Task SyncOnAAsync(OAuthBrowser browser, string access)
    {
        browser.Instance = fixture.A;
        var result = await browser.CallToolAsync(access, "sync_history", $$"""{"since":"{{Day(8)}}","collections":"daily_sleep"}""");
        result.GetProperty("structuredContent").GetProperty("collections")[0].GetProperty("documents").GetInt32()
            .Should().BeGreaterThan(0, "the sync stored something, so it is announced");
    }

    /// <summary>
    /// The C# SDK's client on one instance, on the latest protocol (subscriptions/listen), with the person's token. Its
    /// server/discover probe may wait longer than the SDK's 5 s: the instance's first request can be slow on a busy machine.
    /// </summary>
    private static async Task<McpClient> ClientAsync(Uri instance, string access)
    {
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(instance, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = new AuthenticationHeaderValue("Bearer", access).ToString() },
        }), Support.ServerProcess.ClientOptions());
        client.NegotiatedProtocolVersion.Should().Be(ResourceUpdatesOverHttp.ListenVersion);
        return client;
    }

    /// <summary>Ends the server backends of this deployment's LISTEN connections (named after its channel); their pids.</summary>
    private async Task<IReadOnlyList<int>> TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresOAuthFixture.Admin);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE application_name LIKE '% ' || @channel AND pg_terminate_backend(pid)", connection);
        terminate.Parameters.AddWithValue("channel", Channel);
        var pids = new List<int>();
        await using var reader = await terminate.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    /// <summary>Waits until <paramref name="count"/> LISTEN connections of this deployment are open, besides those in <paramref name="except"/>.</summary>
    private async Task WaitForListenersAsync(IReadOnlyList<int> except, int count)
    {
        await using var connection = new NpgsqlConnection(PostgresOAuthFixture.Admin);
        await connection.OpenAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await using var listening = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '% ' || @channel AND query LIKE 'LISTEN%' AND NOT pid = ANY(@cut)", connection);
            listening.Parameters.AddWithValue("channel", Channel);
            listening.Parameters.AddWithValue("cut", except.ToArray());
            return (long)(await listening.ExecuteScalarAsync())! >= count;
        }, "both instances listen again after their connections were cut");
    }

    private string Channel => PostgresHistoryChanges.ChannelOf(new NpgsqlConnectionStringBuilder(fixture.ConnectionString));

    private static string Day(int daysBeforeLast) => LastDay.AddDays(-daysBeforeLast).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Two instances keeping the history in their PostgreSQL; Alice (Helsinki) or Bob (Los Angeles) signs in at the fake Oura.</summary>
    public sealed class TwoPeopleTwoInstances : TwoInstancesFixture
    {
        public IFakePerson Alice { get; } = FakePeople.Demo(LastDay);

        public IFakePerson Bob { get; } = FakePeople.Second(LastDay);

        protected override string? HistoryStore => ConnectionString;

        protected override IReadOnlyDictionary<string, string> MoreEnvironment { get; } =
            new Dictionary<string, string> { ["OURA_WEBHOOK_VERIFICATION_TOKEN"] = Webhooks.WebhookRig.VerificationToken };

        protected override FakeOuraOptions OuraOptions()
        {
            var options = new FakeOuraOptions { VerifyWebhookCallbacks = true };
            options.OAuthPeople.Add(Alice);
            options.OAuthPeople.Add(Bob);
            return options;
        }
    }
}
