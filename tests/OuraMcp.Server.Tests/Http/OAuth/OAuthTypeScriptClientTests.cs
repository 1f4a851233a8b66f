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
        var (exitCode, output, stderr) = await NodeTooling.RunScriptAsync("mcp-oauth-dance.mjs", fixture.McpUrl.AbsoluteUri);
        output.Should().NotBeEmpty(stderr);
        var summary = JsonDocument.Parse(output.Split('\n')[^1]).RootElement;

        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr + fixture.Server.Stderr);
        exitCode.Should().Be(0);
        var email = await fixture.FakePersonEmailAsync();
        summary.GetProperty("email").GetString().Should().Be(email);
        summary.GetProperty("emailAfterRefresh").GetString().Should().Be(email);
        SecretScan.ShouldBeClean("the server's stderr during the OAuth dance", fixture.Server.Stderr);
    }
}
