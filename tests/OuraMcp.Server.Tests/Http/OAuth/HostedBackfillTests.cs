using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;

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
        // Wait until the history holds the asked days of both sleep collections as settled: what the answer reads.
        var asked = new DayInterval(today.AddDays(-60), today.AddDays(-10));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await BackfilledAsync(asked))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the background backfill should store the settled days within minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var sleepRequestsBefore = SleepRequests();
        using var response = await browser.McpAsync(access, call);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = (await McpHttp.MessageAsync(response)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

        text.Should().Contain("History: 51 of 51 days from the local history", "the background backfill stored every settled day");
        SleepRequests().Should().Be(sleepRequestsBefore, "the answer came wholly from the history");
        fixture.Server.Stderr.Should().NotContain("backfill stopped");
    }

    /// <summary>Whether the history has every asked day of both sleep collections settled (read-only, beside the server).</summary>
    private async Task<bool> BackfilledAsync(DayInterval asked)
    {
        var path = Path.Combine(fixture.DataDirectory, "history.db");
        if (!File.Exists(path)) return false;
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var collection in new OuraCollection[] { OuraCatalog.Sleep, OuraCatalog.DailySleep })
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT first_day, last_day FROM history_settled WHERE collection = $collection";
            command.Parameters.AddWithValue("$collection", collection.Name);
            var settled = new List<DayInterval>();
            try
            {
                using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) settled.Add(new DayInterval(DateOnly.Parse(reader.GetString(0), CultureInfo.InvariantCulture), DateOnly.Parse(reader.GetString(1), CultureInfo.InvariantCulture)));
            }
            catch (SqliteException)
            {
                return false; // not made yet, or busy: look again
            }

            if (DayIntervals.Subtract(asked, DayIntervals.Merge(settled)).Count > 0) return false;
        }

        return true;
    }

    private int SleepRequests() => fixture.Oura.Requests.All.Count(r => r.Path is "/v2/usercollection/sleep" or "/v2/usercollection/daily_sleep");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
