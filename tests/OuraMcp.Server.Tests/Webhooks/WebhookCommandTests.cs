using OuraMcp.Server.Cli;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary><c>OuraMcp.Server webhooks ...</c> parsed as the command line is and run against the fake Oura on loopback.</summary>
public sealed class WebhookCommandTests
{
    private const string Callback = "https://oura-mcp.example/webhooks/oura";

    [Fact]
    public async Task Ensure_creates_one_subscription_per_data_type_and_event_type_and_a_second_run_changes_nothing()
    {
        await using var oura = await WebhookHarness.StartAsync();

        var (first, firstOut, _) = await RunAsync(oura, "webhooks", "ensure", "--callback-url", Callback);
        var afterFirst = await oura.SubscriptionsAsync();
        var (second, secondOut, _) = await RunAsync(oura, "webhooks", "ensure", "--callback-url", Callback);
        var afterSecond = await oura.SubscriptionsAsync();

        first.Should().Be(ExitCodes.Ok, firstOut);
        second.Should().Be(ExitCodes.Ok, secondOut);
        afterFirst.Select(s => (s.DataType.Value, s.EventType.Value)).Should().BeEquivalentTo(WebhookEnsure.Needed, "one per data type the history follows and event type");
        afterFirst.Should().OnlyContain(s => s.CallbackUrl == Callback);
        afterSecond.Select(s => s.Id).Should().BeEquivalentTo(afterFirst.Select(s => s.Id), "the second run made nothing new");
        firstOut.Should().Contain($"{WebhookEnsure.Needed.Count} created, 0 renewed, 0 kept");
        secondOut.Should().Contain($"0 created, 0 renewed, {WebhookEnsure.Needed.Count} kept");
        WebhookEnsure.Needed.Should().Contain(("sleep", "update")).And.Contain(("daily_readiness", "delete")).And.NotContain(n => n.DataType == "meal",
            "meal has no data route, so the history keeps none");
        (firstOut + secondOut).Should().NotContain(oura.ClientSecret).And.NotContain(oura.VerificationToken);
    }

    [Fact]
    public async Task Ensure_renews_what_is_close_to_expiry_and_leaves_subscriptions_it_did_not_make_alone()
    {
        // Subscriptions that live three days are always within the week ensure renews ahead.
        await using var oura = await WebhookHarness.StartAsync(o => o.WebhookSubscriptionLifetime = TimeSpan.FromDays(3));
        var (created, _, _) = await RunAsync(oura, "webhooks", "create", "--callback-url", "https://elsewhere.example/hook", "--data-type", "tag", "--event-type", "create");
        created.Should().Be(ExitCodes.Ok);
        var foreign = (await oura.SubscriptionsAsync()).Single();

        await RunAsync(oura, "webhooks", "ensure", "--callback-url", Callback);
        var (_, output, _) = await RunAsync(oura, "webhooks", "ensure", "--callback-url", Callback);

        output.Should().Contain($"0 created, {WebhookEnsure.Needed.Count} renewed, 0 kept");
        var after = await oura.SubscriptionsAsync();
        after.Should().ContainEquivalentOf(foreign, "ensure neither renews nor deletes what points elsewhere");
        after.Should().HaveCount(WebhookEnsure.Needed.Count + 1);
    }

    [Fact]
    public async Task Each_verb_runs_as_the_app_and_an_unknown_id_says_it_does_not_exist_for_this_app()
    {
        await using var oura = await WebhookHarness.StartAsync();

        var (_, created, _) = await RunAsync(oura, "webhooks", "create", "--callback-url", Callback, "--data-type", "sleep", "--event-type", "update");
        var id = (await oura.SubscriptionsAsync()).Single().Id;
        var (_, listed, _) = await RunAsync(oura, "webhooks", "list");
        var (_, updated, _) = await RunAsync(oura, "webhooks", "update", id, "--event-type", "delete");
        var (_, renewed, _) = await RunAsync(oura, "webhooks", "renew", id);
        var (deletedCode, deleted, _) = await RunAsync(oura, "webhooks", "delete", id);
        var (unknownCode, _, unknown) = await RunAsync(oura, "webhooks", "renew", id);

        created.Should().Contain("Created webhook subscription (1)").And.Contain("sleep");
        listed.Should().Contain(id);
        updated.Should().Contain("delete");
        renewed.Should().Contain(id);
        deletedCode.Should().Be(ExitCodes.Ok);
        deleted.Should().Contain($"Deleted webhook subscription {id}");
        unknownCode.Should().Be(ExitCodes.ToolError);
        unknown.Should().Contain($"'{id}' does not exist for this app");
    }

    [Fact]
    public async Task Without_the_apps_credentials_or_the_verification_token_the_command_says_what_to_set()
    {
        await using var oura = await WebhookHarness.StartAsync();

        var noApp = await RunWithAsync(new Dictionary<string, string>(), "webhooks", "list");
        var noToken = await RunWithAsync(oura.Environment(withVerificationToken: false), "webhooks", "ensure", "--callback-url", Callback);

        noApp.Code.Should().Be(ExitCodes.Usage);
        noApp.Error.Should().Contain("OURA_CLIENT_ID and OURA_CLIENT_SECRET");
        noToken.Code.Should().Be(ExitCodes.ToolError);
        noToken.Error.Should().Contain("OURA_WEBHOOK_VERIFICATION_TOKEN");
        (await oura.SubscriptionsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("webhooks")]
    [InlineData("webhooks", "purge")]
    [InlineData("webhooks", "delete")]
    [InlineData("webhooks", "ensure")]
    [InlineData("webhooks", "create", "--callback-url", "https://x.example/h", "--data-type", "sleep")]
    [InlineData("webhooks", "create", "--callback-url", "https://x.example/h", "--data-type", "naps", "--event-type", "create")]
    [InlineData("webhooks", "ensure", "--callback-url", "not a url")]
    public void A_wrong_webhooks_command_is_a_usage_error(params string[] args)
    {
        var parse = () => CommandLine.Parse(args, _ => null);

        parse.Should().Throw<UsageException>();
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(WebhookHarness oura, params string[] args) => RunWithAsync(oura.Environment(), args);

    private static async Task<(int Code, string Output, string Error)> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = CommandLine.Parse(args, environment.GetValueOrDefault);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WebhookCommands.RunAsync(command, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
