using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// A hosted server that keeps a history fills a newly connected person's history in the background: soon after the
/// sign-in, a question about settled days is answered wholly from the history, with no call to Oura.
/// </summary>
public sealed class HostedBackfillTests(HistoryKeepingFixture fixture) : IClassFixture<HistoryKeepingFixture>
{
    [Fact]
    public async Task After_connecting_the_persons_history_is_backfilled_and_settled_days_cost_no_oura_call()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "backfill"));
        var (_, tokens) = await browser.TokenAsync(browser.CodeExchange(clientId, QueryHelpers.ParseQuery(redirect.Query)["code"].ToString(), verifier));
        var access = tokens.GetProperty("access_token").GetString()!;

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var call = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_sleep","arguments":{"start_date":"START","end_date":"END"}}}"""
            .Replace("START", Day(today.AddDays(-60)), StringComparison.Ordinal).Replace("END", Day(today.AddDays(-10)), StringComparison.Ordinal);
        // The backfill is done when the fake has served the person's years (hundreds of calls) and then nothing more.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var (seen, quietSince) = (0, DateTime.UtcNow);
        while (DateTime.UtcNow < deadline && (seen < 100 || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(3)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var now = fixture.Oura.Requests.Count("/v2/usercollection/");
            if (now != seen) (seen, quietSince) = (now, DateTime.UtcNow);
        }

        var sleepRequestsBefore = SleepRequests();
        using var response = await browser.McpAsync(access, call);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = (await McpHttp.MessageAsync(response)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

        text.Should().Contain("History: 51 of 51 days from the local history", "the background backfill stored every settled day");
        SleepRequests().Should().Be(sleepRequestsBefore, "the answer came wholly from the history");
        fixture.Server.Stderr.Should().NotContain("backfill stopped");
    }

    private int SleepRequests() => fixture.Oura.Requests.All.Count(r => r.Path is "/v2/usercollection/sleep" or "/v2/usercollection/daily_sleep");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
