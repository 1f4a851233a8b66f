using System.Text.Json;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// The webhooks toolset driven by the official MCP TypeScript client (tests/tools/mcp-webhooks-check.mjs) over stdio,
/// the built server process against the fake Oura: annotations as declared, every tool working as the app, an unknown
/// id said plainly, <c>--read-only</c> honoured, and neither the app's secret nor the verification token on the wire.
/// </summary>
public sealed class WebhookTypeScriptClientTests
{
    private const string Callback = "https://oura-mcp.example/webhooks/oura";

    [NodeFact]
    public async Task The_typescript_client_sees_the_hints_and_runs_every_webhook_tool_against_the_fake()
    {
        await using var oura = await WebhookHarness.StartAsync();

        var summary = await RunAsync(oura, "full");

        summary.GetProperty("webhookTools").GetArrayLength().Should().Be(DefinedTools.Webhooks);
        oura.Callback.Checks.Should().Be(1, "the one create was checked against the callback with the server's token");
        (await oura.SubscriptionsAsync()).Should().BeEmpty("the script deleted what it created");
    }

    [NodeFact]
    public async Task In_read_only_mode_the_typescript_client_gets_only_list_and_get_and_cannot_create()
    {
        await using var oura = await WebhookHarness.StartAsync();

        var summary = await RunAsync(oura, "read-only");

        summary.GetProperty("webhookTools").EnumerateArray().Select(t => t.GetString()).Should().Equal("get_webhook_subscription", "list_webhook_subscriptions");
        (await oura.SubscriptionsAsync()).Should().BeEmpty();
        oura.Callback.Checks.Should().Be(0);
    }

    private static async Task<JsonElement> RunAsync(WebhookHarness oura, string mode)
    {
        var (exitCode, output, stderr) = await NodeTooling.RunScriptAsync("mcp-webhooks-check.mjs", oura.Environment(),
            ServerProcess.Dll, mode, oura.Fake.BaseAddress.AbsoluteUri.TrimEnd('/'), Callback);
        output.Should().NotBeEmpty(stderr);
        SecretScan.ShouldBeClean("the stdout of the TypeScript client script", output);
        SecretScan.ShouldBeClean("the stderr of the TypeScript client script", stderr);
        var summary = JsonDocument.Parse(output.Split('\n')[^1]).RootElement.Clone();
        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr);
        exitCode.Should().Be(0);
        return summary;
    }
}
