using System.Diagnostics;
using System.Text.Json;
using OuraMcp.Testing;
using Xunit.Abstractions;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The official MCP conformance suite (<c>@modelcontextprotocol/conformance</c>, pinned in tests/tools) against the
/// server process: the server scenarios that apply to any server as it is (the others call fixture tools that a real
/// server does not have). A scenario passes when the suite exits 0 and no check failed.
/// </summary>
public sealed class ConformanceTests(DemoHttpServer server, ITestOutputHelper output) : IClassFixture<DemoHttpServer>
{
    [NodeFact]
    public Task Server_initialize() => PassesAsync("server-initialize");

    [NodeFact]
    public Task Logging_set_level() => PassesAsync("logging-set-level");

    [NodeFact]
    public Task Ping() => PassesAsync("ping");

    [NodeFact]
    public Task Tools_list() => PassesAsync("tools-list");

    [NodeFact]
    public Task Resources_list() => PassesAsync("resources-list");

    // The scenario asks for a prompt the server does not have: an empty list, not an error.
    [NodeFact]
    public Task Completion_complete() => PassesAsync("completion-complete");

    [NodeFact]
    public async Task Server_sse_multiple_streams()
    {
        var checks = await PassesAsync("server-sse-multiple-streams");

        // The scenario needs a session to open its streams; a stateless server has none, so the suite warns and stops
        // there. HttpTransportRulesTests.Concurrent_posts_each_get_their_own_working_event_stream does what it skips.
        checks.Should().ContainSingle(c => c.Status == "WARNING" && c.Id == "server-sse-multiple-streams-session");
    }

    [NodeFact]
    public Task Dns_rebinding_protection() => PassesAsync("dns-rebinding-protection");

    private sealed record Check(string Id, string Status, string? ErrorMessage);

    private async Task<IReadOnlyList<Check>> PassesAsync(string scenario)
    {
        var results = Directory.CreateTempSubdirectory("oura-mcp-conformance-");
        try
        {
            var suite = Path.Combine(NodeTooling.ToolsDirectory, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
            var info = new ProcessStartInfo(NodeTooling.Node!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { suite, "server", "--url", server.Url.ToString(), "--scenario", scenario, "--output-dir", results.FullName }) info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            var report = await stdout + await stderr;
            output.WriteLine(report);
            SecretScan.ShouldBeClean("the conformance suite's output", report);

            var file = Directory.EnumerateFiles(results.FullName, "checks.json", SearchOption.AllDirectories).Should().ContainSingle(report).Subject;
            var checks = JsonSerializer.Deserialize<List<Check>>(await File.ReadAllTextAsync(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            checks.Where(c => c.Status == "FAILURE").Should().BeEmpty(report);
            checks.Should().Contain(c => c.Status == "SUCCESS" || c.Status == "WARNING", report);
            process.ExitCode.Should().Be(0, report);
            return checks;
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
