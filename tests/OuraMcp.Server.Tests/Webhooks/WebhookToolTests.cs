using ModelContextProtocol.Protocol;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>The webhooks toolset in process, over the real client and pipeline against the fake Oura on loopback.</summary>
public sealed class WebhookToolTests
{
    private const string Callback = "https://oura-mcp.example/webhooks/oura";

    [Fact]
    public async Task An_unknown_subscription_id_is_said_plainly_not_to_exist_for_this_app_by_every_tool_that_takes_one()
    {
        await using var oura = await WebhookHarness.StartAsync();
        await using var server = await StartAsync(oura);

        foreach (var tool in new[] { "get_webhook_subscription", "update_webhook_subscription", "renew_webhook_subscription", "delete_webhook_subscription" })
        {
            var result = await CallAsync(server, tool, new() { ["id"] = "no-such-subscription" });

            result.IsError.Should().BeTrue(tool);
            result.Text().Should().Contain("'no-such-subscription' does not exist for this app", tool).And.Contain("List the app's subscriptions", tool);
        }

        oura.Fake.Requests.All.Where(r => r.Path.StartsWith("/v2/webhook/", StringComparison.Ordinal)).Should().HaveCount(4)
            .And.OnlyContain(r => r.Status == 403, "Oura (the fake) answers 403 for an id it does not know");
    }

    [Fact]
    public async Task Create_list_update_renew_and_delete_work_as_the_app_and_no_answer_carries_its_secret_or_the_verification_token()
    {
        await using var oura = await WebhookHarness.StartAsync(o => o.WebhookSubscriptionLifetime = TimeSpan.FromDays(3));
        await using var server = await StartAsync(oura);

        var created = await CallAsync(server, "create_webhook_subscription", new() { ["callback_url"] = Callback, ["data_type"] = "sleep", ["event_type"] = "update" });
        created.IsError.Should().NotBe(true, created.Text());
        var row = Row(created);
        row["data_type"].Should().Be("sleep");
        row["callback_url"].Should().Be(Callback);
        oura.Callback.Checks.Should().Be(1, "the fake checked the callback with the server's verification token before subscribing");
        var id = row["id"];

        var listed = await CallAsync(server, "list_webhook_subscriptions", new());
        listed.Text().Should().Contain(id);
        var updated = Row(await CallAsync(server, "update_webhook_subscription", new() { ["id"] = id, ["event_type"] = "delete" }));
        updated["event_type"].Should().Be("delete");
        var renewed = Row(await CallAsync(server, "renew_webhook_subscription", new() { ["id"] = id }));
        renewed["expires"].Should().NotBeNullOrEmpty();
        var deleted = await CallAsync(server, "delete_webhook_subscription", new() { ["id"] = id });
        deleted.IsError.Should().NotBe(true, deleted.Text());
        (await oura.SubscriptionsAsync()).Should().BeEmpty();

        foreach (var answer in new[] { created, listed, deleted })
        {
            answer.Text().Should().NotContain(oura.ClientSecret).And.NotContain(oura.VerificationToken);
            answer.StructuredContent!.Value.GetRawText().Should().NotContain(oura.ClientSecret).And.NotContain(oura.VerificationToken);
        }
    }

    [Fact]
    public async Task Without_the_verification_token_a_create_says_which_variable_to_set_and_asks_nothing_of_Oura()
    {
        await using var oura = await WebhookHarness.StartAsync();
        await using var server = await StartAsync(oura, oura.Environment(withVerificationToken: false));

        var result = await CallAsync(server, "create_webhook_subscription", new() { ["callback_url"] = Callback, ["data_type"] = "sleep", ["event_type"] = "create" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("OURA_WEBHOOK_VERIFICATION_TOKEN");
        oura.Fake.Requests.All.Should().BeEmpty();
    }

    [Fact]
    public void The_tools_are_served_only_with_the_apps_credentials_and_read_only_keeps_list_and_get()
    {
        var oura = new Dictionary<string, string> { ["OURA_CLIENT_ID"] = "app", ["OURA_CLIENT_SECRET"] = "app-secret" };
        string[] Served(ServerSettings settings) =>
            [.. Commands.ServedTools(settings).Where(t => ToolSelection.ToolsetOf(t) == Toolsets.Webhooks).Select(t => t.ProtocolTool.Name).Order()];

        Served(new ServerSettings { AccessToken = "x" }).Should().BeEmpty("no app credentials: nothing to manage subscriptions with");
        Served(new ServerSettings { AccessToken = "x", AccountEnvironment = n => n == "OURA_CLIENT_ID" ? "app" : null }).Should().BeEmpty("the secret is missing");
        Served(new ServerSettings { AccessToken = "x", AccountEnvironment = oura.GetValueOrDefault }).Should().HaveCount(DefinedTools.Webhooks);
        Served(new ServerSettings { AccessToken = "x", AccountEnvironment = oura.GetValueOrDefault, ReadOnly = true })
            .Should().Equal("get_webhook_subscription", "list_webhook_subscriptions");
    }

    private static Task<InProcessServer> StartAsync(WebhookHarness oura, IReadOnlyDictionary<string, string>? environment = null) =>
        InProcessServer.StartAsync(oura.Settings(environment: environment), SecretCapture.Watch);

    private static async Task<CallToolResult> CallAsync(InProcessServer server, string tool, Dictionary<string, object?> arguments) =>
        await server.Client.CallToolAsync(tool, arguments);

    private static Dictionary<string, string> Row(CallToolResult result)
    {
        result.IsError.Should().NotBe(true, result.Text());
        var answer = result.StructuredContent!.Value;
        var columns = answer.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        var values = answer.GetProperty("rows")[0].EnumerateArray().Select(v => v.ToString()).ToList();
        return columns.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }
}
