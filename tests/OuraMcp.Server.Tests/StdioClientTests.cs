using System.Diagnostics;
using System.Text.Json;
using OuraMcp.FakeOura;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests;

/// <summary>
/// The built server process driven over stdio by the official MCP TypeScript client (tests/tools/mcp-stdio-check.mjs),
/// which validates every structured result against the tool's output schema.
/// </summary>
public sealed class StdioClientTests
{
    [NodeFact]
    public async Task The_typescript_client_lists_calls_and_validates_every_tool_answer_of_the_demo_server()
    {
        var (exitCode, summary, stderr) = await RunCheckAsync("demo");

        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr);
        exitCode.Should().Be(0);
        summary.GetProperty("toolCount").GetInt32().Should().Be(DefinedTools.Count);
        summary.GetProperty("progress").GetArrayLength().Should().BeGreaterThan(1, "ten days of raw heart rate are several pages");
        summary.GetProperty("checks").GetArrayLength().Should().BeGreaterThan(20);
    }

    [NodeFact]
    public async Task A_rejected_token_is_an_answer_that_says_how_to_sign_in_and_the_token_appears_on_neither_stdout_nor_stderr()
    {
        var token = SecretScan.NewSecret("token");
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount("someone-elses-token", ServerHarness.Person));
        await using var fake = await FakeOuraServer.StartAsync(options);

        var (exitCode, summary, stderr) = await RunCheckAsync("token", fake.BaseAddress.ToString(), token);

        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr);
        exitCode.Should().Be(0);
        summary.GetProperty("tokenAnswer").GetString().Should().Contain("Oura rejected the access token (401)");
        fake.Requests.All.Should().NotBeEmpty().And.OnlyContain(r => r.Status == 401 && r.TokenFingerprint == FakeRequestLog.Fingerprint(token),
            "the server sent the configured token to the configured base URL");
        stderr.Should().NotContain(token);
    }

    [NodeFact]
    public async Task Aborting_a_call_from_the_typescript_client_aborts_the_oura_request_in_flight_and_asks_for_nothing_more()
    {
        const string token = "stdio-cancel-token";
        var options = new FakeOuraOptions { TimeSeriesPageSize = 50 };
        options.Accounts.Add(new FakeAccount(token, ServerHarness.Person));
        await using var fake = await FakeOuraServer.StartAsync(options);
        // Every heart-rate page is held far longer than the call lives, so the cancellation finds one in flight.
        fake.Faults.Delay(TimeSpan.FromMinutes(5), count: null, pathPrefix: "/v2/usercollection/heartrate");

        var signal = Path.Combine(Directory.CreateTempSubdirectory("oura-mcp-cancel-").FullName, "abort");
        var check = RunCheckAsync("cancel", fake.BaseAddress.ToString(), token, signal);
        // The abort is sent once a page is held at the fake, however long the server took to start and ask.
        await Eventually.HoldsAsync(() => fake.Faults.Waiting > 0 || check.IsCompleted, "the fake holds the call's heart-rate page", TimeSpan.FromSeconds(60));
        await File.WriteAllTextAsync(signal, "");

        var (exitCode, summary, stderr) = await check;

        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr);
        exitCode.Should().Be(0);
        fake.Requests.All.Where(r => r.Path.EndsWith("/heartrate", StringComparison.Ordinal)).Select(r => r.Status).Should()
            .Equal([499], "the page in flight is abandoned and no further page is asked for");
    }

    private static async Task<(int ExitCode, JsonElement Summary, string Stderr)> RunCheckAsync(params string[] args)
    {
        var (exitCode, output, stderr) = await NodeTooling.RunScriptAsync("mcp-stdio-check.mjs", [ServerProcess.Dll, .. args]);
        output.Should().NotBeEmpty(stderr);
        SecretScan.ShouldBeClean("the stdout of the TypeScript client script (the server's answers)", output);
        SecretScan.ShouldBeClean("the stderr of the TypeScript client script (the server's stderr passes through it)", stderr);
        return (exitCode, JsonDocument.Parse(output.Split('\n')[^1]).RootElement.Clone(), stderr);
    }
}
