using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Resources;

/// <summary>The oura:// resources, read through a real client from the fake's demo person.</summary>
public sealed class ResourceTests
{
    private static readonly DateOnly Yesterday = ServerHarness.Today.AddDays(-1);

    [Fact]
    public async Task The_profile_the_rings_the_chart_app_and_three_templates_are_listed()
    {
        await using var server = await ServerHarness.StartAsync();

        var resources = await server.Client.ListResourcesAsync();
        var templates = await server.Client.ListResourceTemplatesAsync();

        resources.Select(r => r.Uri).Should().Equal("oura://profile", "oura://rings", "ui://oura/chart");
        resources.Where(r => r.Uri.StartsWith("oura:", StringComparison.Ordinal)).Should().OnlyContain(r => r.ProtocolResource.MimeType == "application/json");
        templates.Select(t => t.UriTemplate).Should().Equal("oura://day/{date}", "oura://{collection}/{date}", "oura://{collection}/{start}/{end}");
        server.Client.ServerCapabilities.Resources!.Subscribe.Should().BeTrue();
        server.Client.ServerCapabilities.Completions.Should().NotBeNull();
    }

    [Fact]
    public async Task The_profile_is_the_persons_personal_info()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.Client.ReadResourceAsync("oura://profile");
        var json = Single(result, "application/json");

        result.CacheScope.Should().Be(CacheScope.Private, "one person's data is cached for that person only");
        JsonNode.DeepEquals(json, JsonNode.Parse(Truth.Json(ServerHarness.Person.PersonalInfo).GetRawText())).Should().BeTrue(json.ToJsonString());
    }

    [Fact]
    public async Task The_rings_are_the_persons_ring_configurations()
    {
        await using var server = await ServerHarness.StartAsync();

        var json = Single(await server.Client.ReadResourceAsync("oura://rings"), "application/json");

        Ids(json).Should().Equal(Truth.Of(OuraCatalog.RingConfiguration).Select(r => r.Id));
        json["complete"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("daily_sleep", -1, -1)]
    [InlineData("daily_readiness", -14, -1)]
    [InlineData("workout", -30, 0)]
    [InlineData("enhanced_tag", -30, 0)]
    public async Task A_collection_resource_holds_exactly_the_documents_of_those_local_days(string name, int first, int last)
    {
        await using var server = await ServerHarness.StartAsync();
        var (start, end) = (ServerHarness.Today.AddDays(first), ServerHarness.Today.AddDays(last));
        var uri = first == last ? $"oura://{name}/{Day(start)}" : $"oura://{name}/{Day(start)}/{Day(end)}";

        var json = Single(await server.Client.ReadResourceAsync(uri), "application/json");

        var expected = Truth.Documents(OuraCatalog.Find(name)!, start, end).ToList();
        expected.Should().NotBeEmpty("the demo person has {0} on those days", name);
        Ids(json).Should().BeEquivalentTo(expected.Select(d => d.Id));
        var first0 = json["documents"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == expected[0].Id);
        JsonNode.DeepEquals(first0, JsonNode.Parse(Truth.Json(expected[0].Model).GetRawText())).Should().BeTrue("documents are Oura's whole documents");
        (json["collection"]!.GetValue<string>(), json["start"]!.GetValue<string>(), json["end"]!.GetValue<string>(), json["time_zone"]!.GetValue<string>())
            .Should().Be((name, Day(start), Day(end), ServerHarness.Zone));
    }

    [Fact]
    public async Task A_time_series_resource_holds_one_local_days_rows()
    {
        await using var server = await ServerHarness.StartAsync();
        var from = new DateTimeOffset(Yesterday.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2));

        var json = Single(await server.Client.ReadResourceAsync($"oura://heartrate/{Day(Yesterday)}"), "application/json");

        var expected = Truth.Of(OuraCatalog.HeartRate).Where(s => s.Timestamp >= from && s.Timestamp < from.AddDays(1)).ToList();
        expected.Should().NotBeEmpty();
        json["documents"]!.AsArray().Select(s => DateTimeOffset.Parse(s!["timestamp"]!.GetValue<string>()))
            .Should().Equal(expected.Select(s => s.Timestamp).Order());
    }

    [Fact]
    public async Task A_day_is_markdown_and_json_with_the_days_sleep_readiness_activity_stress_and_resilience()
    {
        await using var server = await ServerHarness.StartAsync();
        var uri = $"oura://day/{Day(Yesterday)}";

        var result = await server.Client.ReadResourceAsync(uri);

        result.Contents.Should().HaveCount(2).And.OnlyContain(c => c.Uri == uri);
        var markdown = result.Contents.OfType<TextResourceContents>().Single(c => c.MimeType == "text/markdown").Text;
        var json = Single(result, "application/json");
        var sleep = Truth.On(OuraCatalog.DailySleep, Yesterday, Yesterday).Single();
        var readiness = Truth.On(OuraCatalog.DailyReadiness, Yesterday, Yesterday).Single();
        var activity = Truth.On(OuraCatalog.DailyActivity, Yesterday, Yesterday).Single();
        markdown.Should().Contain($"- Sleep score: {sleep.Score}\n").And.Contain($"- Readiness score: {readiness.Score}\n")
            .And.Contain($"- Activity score: {activity.Score}\n").And.Contain("Wednesday 4 March 2026");
        json["day"]!.GetValue<string>().Should().Be(Day(Yesterday));
        foreach (var collection in new OuraCollection[] { OuraCatalog.DailySleep, OuraCatalog.DailyReadiness, OuraCatalog.DailyActivity, OuraCatalog.DailyStress, OuraCatalog.DailyResilience })
        {
            json[collection.Name]!.AsArray().Select(d => d!["id"]!.GetValue<string>())
                .Should().Equal(Truth.Documents(collection, Yesterday, Yesterday).Select(d => d.Id), collection.Name);
        }
    }

    [Theory]
    [InlineData("oura://nothing", McpErrorCode.ResourceNotFound, "oura://{collection}/{date}")]
    [InlineData("https://example.com/profile", McpErrorCode.ResourceNotFound, "Send oura://profile")]
    [InlineData("oura://sleeps/2026-03-01", McpErrorCode.ResourceNotFound, "'sleeps' is not an Oura collection")]
    [InlineData("oura://personal_info/2026-03-01", McpErrorCode.ResourceNotFound, "read oura://profile instead")]
    [InlineData("oura://daily_sleep/2026-02-30", McpErrorCode.InvalidParams, "February 2026 has 28 days")]
    [InlineData("oura://day/yesterday", McpErrorCode.InvalidParams, "not a date in yyyy-MM-dd form")]
    [InlineData("oura://daily_sleep/2026-01-01/2026-03-01", McpErrorCode.InvalidParams, "at most 31 days at a time and 2026-01-01..2026-03-01 covers 60; read it in parts, e.g. oura://daily_sleep/2026-01-01/2026-01-31")]
    [InlineData("oura://heartrate/2026-03-01/2026-03-02", McpErrorCode.InvalidParams, "at most 1 day at a time")]
    [InlineData("oura://daily_sleep/2026-03-02/2026-03-01", McpErrorCode.InvalidParams, "send the earlier day first")]
    public async Task A_bad_uri_says_what_to_send_and_the_server_stays_up(string uri, McpErrorCode code, string expected)
    {
        await using var server = await ServerHarness.StartAsync();

        var read = async () => await server.Client.ReadResourceAsync(uri);

        var error = (await read.Should().ThrowAsync<McpProtocolException>()).Which;
        error.ErrorCode.Should().Be(code);
        error.Message.Should().Contain(expected);
        (await server.Client.ReadResourceAsync("oura://profile")).Contents.Should().NotBeEmpty("the server is still up");
    }

    [Fact]
    public async Task Without_credentials_a_read_says_how_to_sign_in()
    {
        await using var server = await InProcessServer.StartAsync(new ServerSettings(), SecretCapture.Watch);

        var read = async () => await server.Client.ReadResourceAsync("oura://profile");

        (await read.Should().ThrowAsync<McpException>()).Which.Message.Should().Contain(SignedOutOuraClient.Message);
    }

    [Fact]
    public async Task A_subscriber_is_told_when_its_resource_changes_until_it_unsubscribes()
    {
        // resources/subscribe exists up to protocol 2025-11-25; from 2026-07-28 on, clients open subscriptions/listen instead.
        await using var server = await InProcessServer.StartAsync(
            new ServerSettings { Demo = true, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone) },
            new ModelContextProtocol.Client.McpClientOptions { ProtocolVersion = "2025-11-25" },
            SecretCapture.Watch);
        var uri = $"oura://day/{Day(ServerHarness.Today)}";
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = server.Services.GetRequiredService<ResourceSubscriptions>();

        await server.Client.SubscribeToResourceAsync(uri, (n, _) => { told.TrySetResult(n.Uri); return ValueTask.CompletedTask; });
        subscriptions.UrisOf(LocalPerson.Id).Should().Equal(uri);
        (await subscriptions.NotifyUpdatedAsync("someone-else", uri, CancellationToken.None)).Should().Be(0, "subscriptions are per person");
        (await subscriptions.NotifyUpdatedAsync(LocalPerson.Id, uri, CancellationToken.None)).Should().Be(1);
        (await told.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(uri);

        await server.Client.UnsubscribeFromResourceAsync(uri);
        (await subscriptions.NotifyUpdatedAsync(LocalPerson.Id, uri, CancellationToken.None)).Should().Be(0);
        subscriptions.UrisOf(LocalPerson.Id).Should().BeEmpty();
        subscriptions.Count.Should().Be(0, "a URI nobody is subscribed to any more is forgotten, not kept as an empty entry");

        var bad = async () => await server.Client.SubscribeToResourceAsync("oura://nothing");
        (await bad.Should().ThrowAsync<McpProtocolException>()).Which.ErrorCode.Should().Be(McpErrorCode.ResourceNotFound);
    }

    private static JsonNode Single(ReadResourceResult result, string mimeType)
    {
        var content = result.Contents.OfType<TextResourceContents>().Where(c => c.MimeType == mimeType).Should().ContainSingle().Subject;
        return JsonNode.Parse(content.Text)!;
    }

    private static IEnumerable<string> Ids(JsonNode envelope) => envelope["documents"]!.AsArray().Select(d => d!["id"]!.GetValue<string>());

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");
}
