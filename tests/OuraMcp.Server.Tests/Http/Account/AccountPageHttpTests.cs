using System.Net;
using System.Text.RegularExpressions;
using OuraMcp.Server.Tests.Http.OAuth;

namespace OuraMcp.Server.Tests.Http.Account;

/// <summary>
/// The account page's guards over plain HTTP against the server process: a form without this session's token, a
/// missing or forged session cookie, the cookie's attributes, the headers that keep the page out of frames and
/// scripts, and encoding of what clients name themselves.
/// </summary>
public sealed partial class AccountPageHttpTests(AccountPageFixture fixture) : IClassFixture<AccountPageFixture>
{
    [Fact]
    public async Task Connecting_from_the_page_sets_a_host_only_lax_http_only_session_cookie_that_holds_no_token()
    {
        using var browser = new OAuthBrowser(fixture);
        var setCookie = await ConnectFromPageAsync(browser);

        setCookie.Should().StartWith("__Host-oura-mcp-session=").And.Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/")
            .And.NotContain("domain=");
        var cookie = browser.CookieSnapshot()["__Host-oura-mcp-session"];
        // The fake Oura's tokens start with a known prefix; a data-protected ticket carries none of them in clear.
        cookie.Should().NotContain("fake-").And.NotContain(fixture.PersonId()!);
        var status = await StatusPageAsync(browser);
        status.Should().Contain("Your Oura connection");
        // The sign-in's refresh time is recorded (the budget line is read from the person's own bucket: OuraAccountsTests).
        Regex.Match(status, "Oura sign-in last refreshed</dt><dd>(\\d{4}-\\d{2}-\\d{2} [^<]+ UTC)</dd>").Success.Should().BeTrue(status);
        status.Should().MatchRegex("\\d+ of 5000 per 5 minutes");
    }

    [Fact]
    public async Task A_form_without_this_sessions_token_is_refused_and_changes_nothing()
    {
        using var browser = new OAuthBrowser(fixture);
        await ConnectFromPageAsync(browser);
        var zone = TimeZoneField().Match(await StatusPageAsync(browser)).Groups[1].Value;

        foreach (var csrf in new[] { "", "forged-token", FormToken(await StatusPageAsync(browser))[..^2] + "xx" })
        {
            using var refused = await browser.PostFormAsync(Url("/account/time-zone"), new Dictionary<string, string> { ["csrf"] = csrf, ["time_zone"] = "Asia/Tokyo" });
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("was not sent from your account page");
        }

        using (var noCsrf = await browser.PostFormAsync(Url("/account/disconnect"), new Dictionary<string, string>())) noCsrf.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TimeZoneField().Match(await StatusPageAsync(browser)).Groups[1].Value.Should().Be(zone);
        fixture.RowsOf(fixture.PersonId()!)["tokens"].Should().Be(1);

        // The same form with the page's token goes through.
        using var accepted = await browser.PostFormAsync(Url("/account/time-zone"),
            new Dictionary<string, string> { ["csrf"] = FormToken(await StatusPageAsync(browser)), ["time_zone"] = "Asia/Tokyo" });
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        TimeZoneField().Match(await StatusPageAsync(browser)).Groups[1].Value.Should().Be("Asia/Tokyo");
    }

    [Fact]
    public async Task A_missing_or_forged_session_cookie_signs_nobody_in()
    {
        using var browser = new OAuthBrowser(fixture);
        await ConnectFromPageAsync(browser);
        var csrf = FormToken(await StatusPageAsync(browser));
        var genuine = browser.CookieSnapshot();
        var ticket = genuine["__Host-oura-mcp-session"];

        foreach (var forged in new string?[] { null, "", "not-a-ticket", ticket[..^4] + (ticket.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA") })
        {
            var cookies = new Dictionary<string, string>(genuine, StringComparer.Ordinal);
            if (forged is null) cookies.Remove("__Host-oura-mcp-session");
            else cookies["__Host-oura-mcp-session"] = forged;
            browser.RestoreCookies(cookies);

            using var post = await browser.PostFormAsync(Url("/account/disconnect"), new Dictionary<string, string> { ["csrf"] = csrf });
            post.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"cookie {forged ?? "(none)"}");
            browser.RestoreCookies(cookies);
            var home = await StatusPageAsync(browser);
            home.Should().Contain("Connect your Oura account").And.NotContain("Your Oura connection");
        }

        fixture.RowsOf(fixture.PersonId()!)["tokens"].Should().Be(1);
    }

    [Fact]
    public async Task Deleting_asks_first_and_a_session_of_deleted_data_never_opens_a_later_connection()
    {
        using var browser = new OAuthBrowser(fixture);
        await ConnectFromPageAsync(browser);
        var personId = fixture.PersonId()!;
        var csrf = FormToken(await StatusPageAsync(browser));
        var before = browser.CookieSnapshot();

        using (var ask = await browser.PostFormAsync(Url("/account/delete"), new Dictionary<string, string> { ["csrf"] = csrf }))
            (await ask.Content.ReadAsStringAsync()).Should().Contain("Delete all your data?");
        fixture.RowsOf(personId)["People"].Should().Be(1);
        using (var delete = await browser.PostFormAsync(Url("/account/delete"), new Dictionary<string, string> { ["csrf"] = csrf, ["confirm"] = "yes" }))
            (await delete.Content.ReadAsStringAsync()).Should().Contain("Your data is deleted");
        fixture.RowsOf(personId)["People"].Should().Be(0);

        // The same person connects again, in another browser; the old page's ticket is for the deleted connection.
        using var later = new OAuthBrowser(fixture);
        await ConnectFromPageAsync(later);
        browser.RestoreCookies(before);
        (await StatusPageAsync(browser)).Should().Contain("Connect your Oura account").And.NotContain("Your Oura connection");
        using var post = await browser.PostFormAsync(Url("/account/time-zone"), new Dictionary<string, string> { ["csrf"] = csrf, ["time_zone"] = "Asia/Tokyo" });
        post.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_connect_form_needs_its_own_token_and_a_known_time_zone()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, csrf) = await ConnectFormAsync(browser);

        using (var forged = await browser.PostFormAsync(Url("/connect"), new Dictionary<string, string> { ["csrf"] = "x" + csrf, ["time_zone"] = "UTC" }))
            forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var wrongZone = await browser.PostFormAsync(Url("/connect"), new Dictionary<string, string> { ["csrf"] = csrf, ["time_zone"] = "<Moon/Base>" });
        wrongZone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongZone.Content.ReadAsStringAsync()).Should().Contain("&#39;&lt;Moon/Base&gt;&#39; is not a time zone name this server knows").And.NotContain("<Moon");
    }

    [Fact]
    public async Task The_page_cannot_be_framed_runs_no_inline_script_and_encodes_client_names()
    {
        using var browser = new OAuthBrowser(fixture);
        await ConnectFromPageAsync(browser);
        var clientId = await browser.RegisterAsync("Coach <script>alert(1)</script>");
        var (_, challenge) = OAuthBrowser.Pkce();
        await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "st-" + Guid.NewGuid().ToString("N")));

        using var page = await browser.GetAsync(Url("/"));
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("Coach &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert");
        using var stranger = new OAuthBrowser(fixture);
        var (connectHtml, _) = await ConnectFormAsync(stranger);
        foreach (var served in new[] { html, connectHtml }) InlineScript().IsMatch(served).Should().BeFalse(served);
        connectHtml.Should().Contain("<script src=\"/account/page.js\"></script>");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.NotContain("unsafe-inline");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    private Uri Url(string path) => new(fixture.PublicUrl, path);

    private async Task<(string Html, string Csrf)> ConnectFormAsync(OAuthBrowser browser)
    {
        using var home = await browser.GetAsync(Url("/"));
        var html = await home.Content.ReadAsStringAsync();
        home.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return (html, FormToken(html));
    }

    /// <summary>The page's connect form, the fake Oura and our callback, as a browser follows them; returns the session's Set-Cookie.</summary>
    private async Task<string> ConnectFromPageAsync(OAuthBrowser browser)
    {
        var (_, csrf) = await ConnectFormAsync(browser);
        using var toOura = await browser.PostFormAsync(Url("/connect"), new Dictionary<string, string> { ["csrf"] = csrf, ["time_zone"] = "Europe/Helsinki" });
        toOura.StatusCode.Should().Be(HttpStatusCode.Redirect, await toOura.Content.ReadAsStringAsync());
        using var ouraAnswer = await browser.GetAsync(toOura.Headers.Location!);
        using var signedIn = await browser.GetAsync(ouraAnswer.Headers.Location!);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        signedIn.Headers.Location!.OriginalString.Should().Be("/?done=connected");
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-oura-mcp-session=", StringComparison.Ordinal));
    }

    private async Task<string> StatusPageAsync(OAuthBrowser browser)
    {
        using var page = await browser.GetAsync(Url("/"));
        return await page.Content.ReadAsStringAsync();
    }

    private static string FormToken(string html) => WebUtility.HtmlDecode(CsrfField().Match(html).Groups[1].Value);

    /// <summary>A script element without a src: code in the page itself.</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("id=\"time_zone\" name=\"time_zone\" value=\"([^\"]*)\"")]
    private static partial Regex TimeZoneField();
}
