using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// <c>sync_history</c> over MCP: it fills the person's history with progress notifications, after which a question
/// about the synced days asks Oura only for the provisional ones; a second sync fetches nothing settled again.
/// </summary>
public sealed class SyncHistoryToolTests
{
    [Fact]
    public async Task A_sync_over_mcp_reports_progress_and_then_settled_days_are_answered_without_asking_oura()
    {
        await using var server = await ServerHarness.StartAsync();
        var progress = new List<ProgressNotificationValue>();

        var synced = await server.CallAsync("sync_history", new { since = "2026-01-01", collections = "daily_sleep,sleep" }, new Progress(progress));

        synced.IsError.Should().NotBe(true, synced.Text());
        var answer = synced.StructuredContent!.Value;
        answer.GetProperty("first_day").GetString().Should().Be("2026-01-01");
        answer.GetProperty("documents").GetInt32().Should().BeGreaterThan(64);
        answer.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("collection").GetString()).Should().Equal("daily_sleep", "sleep");
        var sent = server.Sent.OfType<JsonRpcNotification>().Where(n => n.Method == NotificationMethods.ProgressNotification).ToList();
        sent.Should().NotBeEmpty();
        sent.Select(n => n.Params!["progress"]!.GetValue<int>()).Should().BeInAscendingOrder();
        sent[^1].Params!["progress"]!.GetValue<int>().Should().Be(sent[^1].Params!["total"]!.GetValue<int>(), "the last step completes the sync");

        server.Fake!.Requests.Clear();
        var sleep = await server.CallAsync("get_sleep", new { start_date = "2026-02-01", end_date = "2026-03-05" });

        sleep.Text().Should().Contain("History: 30 of 33 days from the local history");
        server.OuraRequests("sleep").Select(r => r.Query["start_date"]).Distinct().Should().Equal(["2026-03-01"], "only 03-03..03-05 (with Oura's two-day margin) are asked");

        server.Fake.Requests.Clear();
        var again = await server.CallAsync("sync_history", new { since = "2026-01-01", collections = "daily_sleep,sleep" });
        again.StructuredContent!.Value.GetProperty("oura_calls").GetInt32().Should().Be(2, "one window of provisional days per collection");
    }

    [Fact]
    public async Task After_a_sync_heart_rate_over_settled_days_is_answered_from_the_history()
    {
        await using var server = await ServerHarness.StartAsync();
        (await server.CallAsync("sync_history", new { since = "2026-02-20", collections = "heartrate" })).IsError.Should().NotBe(true);
        server.Fake!.Requests.Clear();

        var heart = await server.CallAsync("get_heart_rate", new { start_date = "2026-02-25", end_date = "2026-02-28" });

        heart.Text().Should().Contain("History: 4 of 4 days from the local history");
        server.OuraRequests("heartrate").Should().BeEmpty();
    }

    [Fact]
    public async Task A_sync_tells_the_sessions_subscribed_to_a_resource_it_filled_and_no_other()
    {
        // resources/subscribe exists up to protocol 2025-11-25 (see ResourceTests).
        await using var server = await InProcessServer.StartAsync(
            new ServerSettings { Demo = true, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone) },
            new ModelContextProtocol.Client.McpClientOptions { ProtocolVersion = "2025-11-25" },
            SecretCapture.Watch);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone)).DateTime);
        string Day(int daysAgo) => today.AddDays(-daysAgo).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var told = new List<string>();
        foreach (var uri in new[] { $"oura://daily_sleep/{Day(10)}", $"oura://day/{Day(9)}", $"oura://daily_sleep/{Day(300)}", $"oura://workout/{Day(10)}" })
        {
            await server.Client.SubscribeToResourceAsync(uri, (n, _) =>
            {
                lock (told) told.Add(n.Uri);
                return ValueTask.CompletedTask;
            });
        }

        var synced = await server.Client.CallToolAsync("sync_history", new Dictionary<string, object?> { ["since"] = Day(20), ["collections"] = "daily_sleep" });
        synced.IsError.Should().NotBe(true);
        await Task.Delay(500);

        lock (told) told.Should().BeEquivalentTo([$"oura://daily_sleep/{Day(10)}", $"oura://day/{Day(9)}"], "only resources holding a synced day of a synced collection");
    }

    [Fact]
    public async Task Unknown_collections_get_a_sentence_naming_them()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("sync_history", new { collections = "sleep,naps" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("naps").And.Contain("daily_sleep");
    }

    private sealed class Progress(List<ProgressNotificationValue> values) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (values) values.Add(value);
        }
    }
}
