using System.Diagnostics;
using System.Text.Json;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// The official TypeScript SDK's OAuth client against the server process and the fake Oura
/// (tests/tools/mcp-oauth-dance.mjs): challenge, metadata, dynamic registration, PKCE, consent, the Oura round trip,
/// tokens, a tool call reading the signed-in person's data, and a refresh that rotates.
/// </summary>
public sealed class OAuthTypeScriptClientTests(OAuthServerFixture fixture) : IClassFixture<OAuthServerFixture>
{
    [NodeFact]
    public async Task The_TypeScript_client_signs_in_calls_a_tool_and_refreshes()
    {
        var info = new ProcessStartInfo(NodeTooling.Node!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = NodeTooling.ToolsDirectory,
        };
        info.ArgumentList.Add(Path.Combine(NodeTooling.ToolsDirectory, "mcp-oauth-dance.mjs"));
        info.ArgumentList.Add(fixture.McpUrl.AbsoluteUri);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        output.Should().NotBeEmpty(await stderr);
        var summary = JsonDocument.Parse(output.Split('\n')[^1]).RootElement;

        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + await stderr + fixture.Server.Stderr);
        process.ExitCode.Should().Be(0);
        var email = await fixture.FakePersonEmailAsync();
        summary.GetProperty("email").GetString().Should().Be(email);
        summary.GetProperty("emailAfterRefresh").GetString().Should().Be(email);
        SecretScan.ShouldBeClean("the server's stderr during the OAuth dance", fixture.Server.Stderr);
    }
}
