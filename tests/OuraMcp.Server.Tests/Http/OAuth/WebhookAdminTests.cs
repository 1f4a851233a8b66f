using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>The server with the fake person named in OURA_MCP_ADMINS (by the email Oura reports for them).</summary>
public sealed class AdminServerFixture : OAuthServerFixture
{
    protected override async Task<IReadOnlyDictionary<string, string>> MoreEnvironmentAsync() =>
        new Dictionary<string, string> { ["OURA_MCP_ADMINS"] = $"someone-else@example.com, {await FakePersonEmailAsync()}" };
}

/// <summary>The server with administrators named, none of them the fake person.</summary>
public sealed class OtherAdminsServerFixture : OAuthServerFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> MoreEnvironmentAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["OURA_MCP_ADMINS"] = "someone-else@example.com,not-this-oura-user" });
}

/// <summary>
/// <c>--auth oauth</c> with the Oura app's credentials: the webhooks toolset is app administration. A person named in
/// OURA_MCP_ADMINS who asks for oura:admin gets it and sees and calls the tools; anyone else neither sees them nor may
/// call them (403 insufficient_scope naming the scope to ask for).
/// </summary>
public sealed class WebhookAdminTests(AdminServerFixture admins, OtherAdminsServerFixture others)
    : IClassFixture<AdminServerFixture>, IClassFixture<OtherAdminsServerFixture>
{
    private const string ListCall = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"list_webhook_subscriptions","arguments":{}}}""";

    [Fact]
    public async Task An_administrator_who_asks_for_the_admin_scope_gets_it_sees_the_webhook_tools_and_calls_them()
    {
        using var browser = new OAuthBrowser(admins);
        var (scopes, access) = await ConnectAsync(browser, "oura:read oura:admin");

        scopes.Should().Contain("oura:admin");
        (await WebhookToolsListedAsync(browser, access)).Should().HaveCount(DefinedTools.Webhooks);
        using var call = await browser.McpAsync(access, ListCall);
        call.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await McpHttp.MessageAsync(call)).GetProperty("result");
        (result.TryGetProperty("isError", out var isError) && isError.GetBoolean()).Should().BeFalse(result.ToString());
        result.GetProperty("content")[0].GetProperty("text").GetString().Should().StartWith("Webhook subscriptions of the app");
    }

    [Fact]
    public async Task An_administrators_token_without_the_admin_scope_neither_lists_nor_calls_them_and_is_told_to_step_up()
    {
        using var browser = new OAuthBrowser(admins);
        var (scopes, access) = await ConnectAsync(browser, "oura:read");

        scopes.Should().NotContain("oura:admin", "only what was asked for");
        (await WebhookToolsListedAsync(browser, access)).Should().BeEmpty();
        await ShouldBeRefusedAsync(browser, access);
    }

    [Fact]
    public async Task Someone_not_named_an_administrator_does_not_get_the_admin_scope_even_when_asking_and_is_refused_with_403()
    {
        using var browser = new OAuthBrowser(others);
        var (scopes, access) = await ConnectAsync(browser, "oura:read oura:admin");

        scopes.Should().Contain("oura:read").And.NotContain("oura:admin");
        (await WebhookToolsListedAsync(browser, access)).Should().BeEmpty();
        await ShouldBeRefusedAsync(browser, access);
        (await PersonalInfoWorksAsync(browser, access)).Should().BeTrue("the person's own data is still theirs to read");
    }

    private static async Task ShouldBeRefusedAsync(OAuthBrowser browser, string access)
    {
        using var call = await browser.McpAsync(access, ListCall);
        call.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        call.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"").And.Contain("scope=\"oura:read oura:admin\"").And.Contain("resource_metadata=");
        JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString()
            .Should().Contain("needs the scope 'oura:admin'");
    }

    /// <summary>The dance asking for <paramref name="scope"/>: the scopes granted, as the token endpoint says, and the access token.</summary>
    private static async Task<(string[] Scopes, string AccessToken)> ConnectAsync(OAuthBrowser browser, string scope)
    {
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "s-" + Guid.NewGuid().ToString("N"), scope));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        var (status, body) = await browser.TokenAsync(browser.CodeExchange(clientId, code, verifier));
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return (body.GetProperty("scope").GetString()!.Split(' '), body.GetProperty("access_token").GetString()!);
    }

    private static async Task<string[]> WebhookToolsListedAsync(OAuthBrowser browser, string access)
    {
        using var response = await browser.McpAsync(access, McpHttp.ToolsList);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var tools = (await McpHttp.MessageAsync(response)).GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        tools.Should().Contain("get_personal_info");
        return [.. tools.Where(t => t.Contains("webhook", StringComparison.Ordinal))];
    }

    private static async Task<bool> PersonalInfoWorksAsync(OAuthBrowser browser, string access)
    {
        using var call = await browser.McpAsync(access, """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}""");
        var result = (await McpHttp.MessageAsync(call)).GetProperty("result");
        return call.StatusCode == HttpStatusCode.OK && !(result.TryGetProperty("isError", out var isError) && isError.GetBoolean());
    }
}
