using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>Answers say which days have no data and whether Oura gave every page.</summary>
public sealed class CompletenessTests
{
    [Fact]
    public async Task Days_before_the_persons_first_day_are_reported_missing()
    {
        await using var server = await ServerHarness.StartAsync();
        var firstDay = ServerHarness.Person.FirstDay;
        var start = firstDay.AddDays(-5);
        var end = firstDay.AddDays(2);

        var answer = (await server.CallAsync("get_readiness", new { start_date = Day(start), end_date = Day(end) })).Structured();

        var withData = Truth.On(OuraCatalog.DailyReadiness, start, end).Select(d => Day(d.Day)).ToList();
        answer.Items().Select(i => i.Str("day")).Should().Equal(withData);
        var missing = answer.GetProperty("missing_days").Strings();
        missing.Should().StartWith(Enumerable.Range(0, 5).Select(i => Day(start.AddDays(i))));
        missing.Concat(withData).Should().HaveCount(8, "every day of the range is answered or named missing");
        answer.GetProperty("complete").GetBoolean().Should().BeTrue("missing days are not a fetch failure");
    }

    [Fact]
    public async Task A_listing_whose_pages_were_cut_by_a_repeated_page_token_says_it_is_incomplete_and_why()
    {
        await using var server = await ServerHarness.StartAsync(fake: o => o.DocumentPageSize = 3);
        server.Fake!.Faults.NextTokenCycle(pathPrefix: "/v2/usercollection/daily_readiness");

        var result = await server.CallAsync("get_readiness", new { start_date = "2026-02-01", end_date = "2026-03-05" });

        var answer = result.Structured();
        answer.GetProperty("complete").GetBoolean().Should().BeFalse();
        answer.Str("notice").Should().Contain("Oura did not return every page of daily_readiness")
            .And.Contain("repeated a page token");
        result.Text().Should().Contain("INCOMPLETE");
    }

    [Fact]
    public async Task A_merged_answer_is_incomplete_when_any_of_its_collections_was_cut()
    {
        await using var server = await ServerHarness.StartAsync(fake: o => o.DocumentPageSize = 3);
        server.Fake!.Faults.NextTokenCycle(pathPrefix: "/v2/usercollection/daily_stress");

        var answer = (await server.CallAsync("get_daily_summary", new { start_date = "2026-02-20", end_date = "2026-03-05" })).Structured();

        answer.GetProperty("complete").GetBoolean().Should().BeFalse();
        answer.Str("notice").Should().Contain("daily_stress").And.NotContain("daily_sleep");
    }

    [Fact]
    public async Task A_document_Oura_sends_twice_is_served_once_and_the_answer_says_so()
    {
        await using var server = await ServerHarness.StartAsync(fake: o => o.DocumentPageSize = 3);
        server.Fake!.Faults.RepeatedDocument(documentIndex: 1, count: 2, pathPrefix: "/v2/usercollection/daily_readiness");
        var start = new DateOnly(2026, 2, 20);
        var end = new DateOnly(2026, 3, 1);

        var answer = (await server.CallAsync("get_readiness", new { start_date = Day(start), end_date = Day(end) })).Structured();

        var truth = Truth.On(OuraCatalog.DailyReadiness, start, end).Select(d => Day(d.Day)).ToList();
        answer.Items().Select(i => i.Str("day")).Should().Equal(truth, "each document once, in day order");
        answer.Str("notice").Should().Contain("Oura sent 2 copies of documents already sent; each document is counted once.");
        answer.GetProperty("complete").GetBoolean().Should().BeTrue("nothing is missing");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");
}
