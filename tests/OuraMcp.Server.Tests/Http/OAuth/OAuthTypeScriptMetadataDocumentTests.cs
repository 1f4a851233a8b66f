using System.Text.Json;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// The official TypeScript SDK's OAuth client named by a Client ID Metadata Document (tests/tools/mcp-oauth-dance.mjs
/// given the document's URL): the server advertises documents, so the client sends that URL as its client_id instead
/// of registering; the server fetches the document the test serves, then PKCE, consent, the Oura round trip, tokens,
/// a tool call and a refresh follow as for a registered client.
/// </summary>
public sealed class OAuthTypeScriptMetadataDocumentTests(ClientMetadataDocumentTests.DocumentServer fixture)
    : IClassFixture<ClientMetadataDocumentTests.DocumentServer>
{
    [NodeFact]
    public async Task The_TypeScript_client_named_by_its_metadata_document_signs_in_calls_a_tool_and_refreshes()
    {
        var documentUrl = fixture.DanceDocumentUrl.AbsoluteUri;

        var (exitCode, output, stderr) = await NodeTooling.RunScriptAsync("mcp-oauth-dance.mjs", fixture.McpUrl.AbsoluteUri, documentUrl);

        output.Should().NotBeEmpty(stderr);
        var summary = JsonDocument.Parse(output.Split('\n')[^1]).RootElement;
        summary.GetProperty("failures").GetArrayLength().Should().Be(0, summary.ToString() + stderr);
        exitCode.Should().Be(0);
        var email = await fixture.FakePersonEmailAsync();
        summary.GetProperty("email").GetString().Should().Be(email);
        summary.GetProperty("emailAfterRefresh").GetString().Should().Be(email);

        summary.GetProperty("clientId").GetString().Should().Be(documentUrl);
        summary.GetProperty("consentClientName").GetString().Should().Be(ClientMetadataDocumentTests.DocumentServer.DanceClientName,
            "the consent page names the client as its document does");
        (await fixture.ClientIdsAsync()).Should().Equal([documentUrl], "the client is known by its document alone: nothing registered");
        (await fixture.TokensIssuedToAsync(documentUrl)).Should().BeGreaterThanOrEqualTo(4,
            "the sign-in and the refresh each issued an access and a refresh token to the document's client");
        fixture.DanceDocumentFetches.Should().BeGreaterThan(0).And.BeLessThan(3, "the document is fetched, then kept");
    }
}
