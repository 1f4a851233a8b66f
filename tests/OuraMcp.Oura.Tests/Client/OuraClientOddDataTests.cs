using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.Oura.Tests.Client;

/// <summary>
/// What Oura sends that it does not document: drift the client reads as it is, a document it cannot read (left out and
/// named, the page kept), and a document sent twice (counted once).
/// </summary>
public class OuraClientOddDataTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly OuraListRequest OneDay = OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc);

    [Fact]
    public async Task Drift_is_read_as_sent_unknown_enums_new_members_nulls_fractional_seconds_and_Z()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("""
            {"data":[
              {"id":"enum","day":"2026-03-05","type":"polyphasic_siesta","bedtime_start":"2026-03-04T23:10:00+02:00"},
              {"id":"member","day":"2026-03-05","brand_new_metric":{"x":[1,2]}},
              {"id":"nulls","day":"2026-03-05","type":null,"average_breath":null,"heart_rate":null,"readiness":null,"sleep_phase_5_min":null},
              {"id":"fraction","day":"2026-03-05","bedtime_start":"2026-03-04T23:10:00.123456+02:00"},
              {"id":"zulu","day":"2026-03-05","bedtime_start":"2026-03-04T21:10:00Z","bedtime_end":"2026-03-05T05:00:00.5Z"}
            ],"next_token":null}
            """);

        var result = await h.Client.ListAsync(OuraCatalog.Sleep, OneDay, default);

        result.Data.Select(d => d.Id).Should().Equal("enum", "member", "nulls", "fraction", "zulu");
        result.Unreadable.Should().BeEmpty();
        result.Data[0].Type!.Value.Value.Should().Be("polyphasic_siesta");
        result.Data[1].Unknown.Should().ContainKey("brand_new_metric");
        result.Data[2].AverageBreath.Should().BeNull();
        result.Data[3].BedtimeStart.Millisecond.Should().Be(123);
        result.Data[4].BedtimeStart.Should().Be(new DateTimeOffset(2026, 3, 4, 21, 10, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_unreadable_document_is_left_out_and_named_and_the_rest_of_the_page_and_the_next_pages_are_read()
    {
        var h = new ClientHarness();
        var longValue = new string('x', 500);
        h.Handler.ThenJson($$$"""
            {"data":[
              {"id":"good-1","day":"2026-03-05","bedtime_start":"2026-03-04T23:10:00+02:00"},
              {"id":"bad","day":"2026-03-05","bedtime_start":"{{{longValue}}}"},
              {"id":"good-2","day":"2026-03-05","readiness":{"score":"seventy"}},
              {"id":"good-3","day":"2026-03-05"}
            ],"next_token":"p2"}
            """).ThenJson("""{"data":[{"id":"good-4","day":"2026-03-05"}],"next_token":null}""");

        var result = await h.Client.ListAsync(OuraCatalog.Sleep, OneDay, default);

        result.Data.Select(d => d.Id).Should().Equal("good-1", "good-3", "good-4");
        result.IsComplete.Should().BeTrue("every page was read; the unreadable documents are said apart");
        result.Unreadable.Should().HaveCount(2);
        var bad = result.Unreadable[0];
        bad.Should().Be(new OuraUnreadableDocument("sleep", "id 'bad'", "2026-03-05", "bedtime_start", $"\"{new string('x', 40)}…\""));
        result.Unreadable[1].Field.Should().Be("readiness.score");
        result.Unreadable[1].Value.Should().Be("\"seventy\"");
    }

    [Fact]
    public async Task An_unreadable_document_outside_the_days_asked_for_is_not_named()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("""
            {"data":[
              {"id":"early","day":"2026-03-04","bedtime_start":"not a time"},
              {"id":"good","day":"2026-03-05"}
            ],"next_token":null}
            """);

        var result = await h.Client.ListAsync(OuraCatalog.Sleep, OneDay, default);

        result.Data.Select(d => d.Id).Should().Equal("good");
        result.Unreadable.Should().BeEmpty("the trim drops 2026-03-04 whether or not it could be read");
    }

    [Fact]
    public async Task A_body_that_is_not_a_page_still_fails_as_a_whole()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("""{"data":"nothing here"}""");

        var act = () => h.Client.ListAsync(OuraCatalog.Sleep, OneDay, default);

        await act.Should().ThrowAsync<OuraMcp.Oura.Errors.OuraUnavailableException>();
    }

    [Theory]
    [InlineData("session")]
    [InlineData("tag")]
    [InlineData("enhanced_tag")]
    public async Task An_event_just_after_local_midnight_far_east_is_found_even_if_Oura_files_it_under_its_utc_date(string name)
    {
        // 00:30 on 5 March in Tokyo is 15:30 UTC on the 4th: an Oura filing by UTC date only returns it for the 4th.
        var c = OuraCatalog.Find(name)!;
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var h = new ClientHarness();
        h.Handler.Then(request =>
        {
            var start = DateOnly.Parse(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["start_date"]!, System.Globalization.CultureInfo.InvariantCulture);
            var json = start <= new DateOnly(2026, 3, 4) ? ClientHarness.Page(null, ClientHarness.DayDocument(c, "just-after-midnight", "2026-03-05")) : ClientHarness.Page(null);
            return OuraMcp.Testing.ScriptedHttpHandler.Json(System.Net.HttpStatusCode.OK, json);
        });

        var (data, _) = await h.ListAny(c, OuraListRequest.ForDays(Day, Day, tokyo));

        data.Should().ContainSingle("the range is asked for with a margin and trimmed to the local day");
    }

    [Fact]
    public async Task A_document_Oura_repeats_on_a_later_page_is_kept_once_and_counted()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("""{"data":[{"id":"a","day":"2026-03-05"},{"id":"b","day":"2026-03-05"}],"next_token":"p2"}""")
            .ThenJson("""{"data":[{"id":"b","day":"2026-03-05"},{"id":"c","day":"2026-03-05"},{"id":"c","day":"2026-03-05"}],"next_token":null}""");

        var result = await h.Client.ListAsync(OuraCatalog.Sleep, OneDay, default);

        result.Data.Select(d => d.Id).Should().Equal("a", "b", "c");
        result.RepeatsRemoved.Should().Be(2);
    }
}
