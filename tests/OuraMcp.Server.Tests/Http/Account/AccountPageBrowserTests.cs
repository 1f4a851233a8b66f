using System.Net;
using Microsoft.Playwright;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Http.OAuth;
using OuraMcp.Testing;
using static Microsoft.Playwright.Assertions;

namespace OuraMcp.Server.Tests.Http.Account;

/// <summary>
/// The account page at <c>/</c> in a real browser (Debian's Chromium through Playwright) against the server process and
/// the fake Oura: connecting without a client, the status, the time zone (a tool call then answers in it), taking
/// access back from a client that did the dance, disconnecting, and deleting everything. The forms are found by their
/// labels and button names, one is driven by keyboard alone, and each state is screenshotted into the test output.
/// </summary>
public sealed class AccountPageBrowserTests(AccountPageFixture fixture) : IClassFixture<AccountPageFixture>
{
    [ChromiumFact]
    public async Task A_person_connects_sees_changes_revokes_disconnects_and_deletes_everything_from_the_page()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.PublicUrl.AbsoluteUri })).NewPageAsync();

        // Connect without an MCP client: our form, the fake Oura's authorize page, our callback, back here signed in.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect your Oura account", Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-1-connect"), FullPage = true });
        await page.GetByLabel("Your time zone").FillAsync("Europe/Helsinki");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect your Oura account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your Oura connection", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your Oura account is connected.");
        var email = await fixture.FakePersonEmailAsync();
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync(email);
        await Expect(main).ToContainTextAsync("daily");
        await Expect(main).ToContainTextAsync("of 5000 per 5 minutes");
        await Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("Europe/Helsinki");
        await Expect(main).ToContainTextAsync("No MCP client holds access.");
        var personId = fixture.PersonId()!;
        personId.Should().NotBeNull();

        // An MCP client does the whole dance for the same person, and now shows on the page by name.
        using var client = new OAuthBrowser(fixture);
        var (_, access, _) = await client.ConnectAsync();
        (await ReadinessTextAsync(client, access)).Should().Contain("(Europe/Helsinki)");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Test client", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-2-status"), FullPage = true });

        // A wrong zone is refused with a sentence, by keyboard alone: focus the field, type, Tab to its button, Enter.
        await ChangeTimeZoneByKeyboardAsync(page, "Mars/Olympus_Mons");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a time zone name this server knows");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-3-wrong-time-zone"), FullPage = true });
        await ChangeTimeZoneByKeyboardAsync(page, "Pacific/Auckland");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your time zone is now Pacific/Auckland.");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-4-time-zone"), FullPage = true });
        (await ReadinessTextAsync(client, access)).Should().Contain("(Pacific/Auckland)");

        // Revoke the client: its next call is refused, and it is gone from the list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke access for Test client" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("its next call is refused");
        await Expect(main).ToContainTextAsync("No MCP client holds access.");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-5-revoked"), FullPage = true });
        using (var refused = await client.McpAsync(access, McpHttp.ToolsList)) refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Disconnect: the Oura tokens go, every client's access ends, and the page says Oura keeps its own grant.
        var (_, second, _) = await client.ConnectAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect your Oura account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Oura has no revocation endpoint");
        await Expect(main).ToContainTextAsync("No Oura account is connected now.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Oura's app settings" }).First).ToHaveAttributeAsync("href", "https://cloud.ouraring.com/account");
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-6-disconnected"), FullPage = true });
        using (var refused = await client.McpAsync(second, McpHttp.ToolsList)) refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        fixture.RowsOf(personId)["tokens"].Should().Be(0);

        // Delete all my data, after a confirmation: nothing keyed by the person is left, history included.
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect your Oura account again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your Oura account is connected.");
        await client.ConnectAsync();
        await SeedHistoryAsync(personId);
        fixture.RowsOf(personId).Values.Should().OnlyContain(count => count > 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete all my data…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete all your data?" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-7-confirm-delete"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete all my data" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data is deleted" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("account-8-deleted"), FullPage = true });
        fixture.RowsOf(personId).Should().OnlyContain(table => table.Value == 0);

        // The page's own session ended with the data.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect your Oura account", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task ChangeTimeZoneByKeyboardAsync(IPage page, string zone)
    {
        await page.GetByLabel("Your time zone").FocusAsync();
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.TypeAsync(zone);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync();
    }

    private static async Task<string> ReadinessTextAsync(OAuthBrowser client, string access)
    {
        using var call = await client.McpAsync(access, """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_readiness","arguments":{}}}""");
        call.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await McpHttp.MessageAsync(call)).GetProperty("result");
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    private async Task SeedHistoryAsync(string personId)
    {
        var history = new SqliteHistoryStore(fixture.HistoryPath);
        var day = new DateOnly(2026, 1, 5);
        await history.SaveWindowAsync(personId, OuraCatalog.DailyReadiness,
            new HistoryWindow(day, day, [new HistoryDocument("r1", day, """{"id":"r1"}""", DateTimeOffset.UtcNow)], new DayInterval(day, day)), default);
    }
}
