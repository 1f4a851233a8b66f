using System.Globalization;
using System.Net;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Client;

public class OuraClientRangeTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly March5 = new(2026, 3, 5);

    /// <summary>
    /// Answers like the live API for sleep (docs/oura-api.md §1): filters on the UTC date of bedtime_start and treats
    /// end_date as exclusive.
    /// </summary>
    private static HttpResponseMessage QuirkySleepOura(HttpRequestMessage request, IEnumerable<(string Id, string Day, string BedtimeStart)> sleeps)
    {
        var query = new RecordedHttpRequest(request.Method, request.RequestUri!, new Dictionary<string, string>()).QueryParameters();
        var start = DateOnly.Parse(query["start_date"], CultureInfo.InvariantCulture);
        var endExclusive = DateOnly.Parse(query["end_date"], CultureInfo.InvariantCulture);
        var matching = sleeps
            .Where(s => DateOnly.FromDateTime(DateTimeOffset.Parse(s.BedtimeStart, CultureInfo.InvariantCulture).UtcDateTime) is var utc
                        && utc >= start && utc < endExclusive)
            .Select(s => $$"""{"id":"{{s.Id}}","day":"{{s.Day}}","bedtime_start":"{{s.BedtimeStart}}","type":"long_sleep"}""");
        return ScriptedHttpHandler.Json(HttpStatusCode.OK, ClientHarness.Page(null, [.. matching]));
    }

    [Fact]
    public async Task Sleep_for_a_local_day_is_fetched_with_a_widened_window_and_trimmed()
    {
        var h = new ClientHarness();
        (string, string, string)[] sleeps =
        [
            ("night-before", "2026-03-04", "2026-03-03T23:10:00+02:00"),
            // Bedtime 01:30 in Helsinki is 23:30 UTC on the 4th: a naive start_date=2026-03-05 misses it.
            ("asked-for", "2026-03-05", "2026-03-05T01:30:00+02:00"),
            ("nap", "2026-03-05", "2026-03-05T15:00:00+02:00"),
            ("day-after", "2026-03-06", "2026-03-05T23:50:00+02:00"),
        ];
        h.Handler.Then(r => QuirkySleepOura(r, sleeps));

        var result = await h.Client.ListAsync(OuraCatalog.Sleep, OuraListRequest.ForDays(March5, March5, Helsinki), default);

        result.Data.Select(s => s.Id).Should().Equal("asked-for", "nap");
        result.IsComplete.Should().BeTrue();
        var query = h.Request.QueryParameters();
        query["start_date"].Should().Be("2026-03-03");
        query["end_date"].Should().Be("2026-03-07");
    }

    [Theory]
    [InlineData("sleep")]
    [InlineData("daily_activity")]
    [InlineData("workout")]
    public async Task End_exclusive_collections_are_widened_two_days_each_way_and_trimmed_by_their_day(string name)
    {
        var collection = OuraCatalog.Find(name)!;
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null,
            ClientHarness.DayDocument(collection, "before", "2026-03-04"),
            ClientHarness.DayDocument(collection, "first", "2026-03-05"),
            ClientHarness.DayDocument(collection, "last", "2026-03-06"),
            ClientHarness.DayDocument(collection, "after", "2026-03-07")));

        var (data, _) = await h.ListAny(collection, OuraListRequest.ForDays(March5, new DateOnly(2026, 3, 6), Helsinki));

        data.Should().HaveCount(2);
        var query = h.Request.QueryParameters();
        query.Should().BeEquivalentTo(new Dictionary<string, string> { ["start_date"] = "2026-03-03", ["end_date"] = "2026-03-08" });
    }

    [Fact]
    public async Task Local_day_collections_are_sent_the_days_as_asked_and_still_trimmed()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null,
            ClientHarness.DayDocument(OuraCatalog.DailyReadiness, "stray", "2026-03-04"),
            ClientHarness.DayDocument(OuraCatalog.DailyReadiness, "asked-for", "2026-03-05")));

        var result = await h.Client.ListAsync(OuraCatalog.DailyReadiness, OuraListRequest.ForDays(March5, March5, Helsinki), default);

        result.Data.Select(d => d.Id).Should().Equal("asked-for");
        h.Request.QueryParameters().Should().BeEquivalentTo(new Dictionary<string, string> { ["start_date"] = "2026-03-05", ["end_date"] = "2026-03-05" });
    }

    [Fact]
    public async Task Enhanced_tags_are_trimmed_by_their_start_day()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null,
            """{"id":"in","start_day":"2026-03-05","end_day":"2026-03-09"}""",
            """{"id":"out","start_day":"2026-03-04","end_day":"2026-03-05"}"""));

        var result = await h.Client.ListAsync(OuraCatalog.EnhancedTag, OuraListRequest.ForDays(March5, March5, TimeZoneInfo.Utc), default);

        result.Data.Select(d => d.Id).Should().Equal("in");
    }

    [Fact]
    public async Task Heart_rate_for_local_days_across_a_DST_change_is_asked_from_midnight_to_midnight_with_each_offset()
    {
        var h = new ClientHarness();
        // Helsinki moves from +02:00 to +03:00 on 2026-03-29.
        h.Handler.ThenJson(ClientHarness.Page(null,
            ClientHarness.Row(DateTimeOffset.Parse("2026-03-27T23:59:59+02:00", CultureInfo.InvariantCulture)),
            ClientHarness.Row(DateTimeOffset.Parse("2026-03-28T00:00:00+02:00", CultureInfo.InvariantCulture)),
            ClientHarness.Row(DateTimeOffset.Parse("2026-03-29T23:59:00+03:00", CultureInfo.InvariantCulture)),
            ClientHarness.Row(DateTimeOffset.Parse("2026-03-30T00:00:00+03:00", CultureInfo.InvariantCulture))));

        var result = await h.Client.ListAsync(OuraCatalog.HeartRate,
            OuraListRequest.ForDays(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29), Helsinki), default);

        h.Request.QueryParameters().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["start_datetime"] = "2026-03-28T00:00:00+02:00",
            ["end_datetime"] = "2026-03-30T00:00:00+03:00",
        });
        result.Data.Should().HaveCount(2, "rows are kept in [start, end)");
    }

    [Fact]
    public async Task A_positive_offset_goes_out_as_percent_2B_in_the_raw_uri()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null));

        await h.Client.ListAsync(OuraCatalog.HeartRate, OuraListRequest.ForDays(March5, March5, Helsinki), default);

        h.Request.Uri.AbsoluteUri.Should().Contain("start_datetime=2026-03-05T00%3A00%3A00%2B02%3A00")
            .And.Contain("end_datetime=2026-03-06T00%3A00%3A00%2B02%3A00")
            .And.NotContain("+");
    }

    [Fact]
    public async Task Explicit_instants_keep_their_own_offsets_and_rows_are_kept_in_start_inclusive_end_exclusive()
    {
        var h = new ClientHarness();
        var start = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5));
        var end = new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.FromHours(-4));
        h.Handler.ThenJson(ClientHarness.Page(null, ClientHarness.Row(start), ClientHarness.Row(end.AddSeconds(-1)), ClientHarness.Row(end)));

        var result = await h.Client.ListAsync(OuraCatalog.RingBatteryLevel, OuraListRequest.Between(start, end), default);

        h.Request.QueryParameters().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["start_datetime"] = "2026-03-08T00:00:00-05:00",
            ["end_datetime"] = "2026-03-08T12:00:00-04:00",
        });
        result.Data.Select(r => r.Timestamp).Should().Equal(start, end.AddSeconds(-1));
    }

    [Fact]
    public void Local_midnight_follows_the_zone_rules_even_where_midnight_does_not_exist_or_happens_twice()
    {
        OuraRange.StartOfDay(new DateOnly(2026, 3, 8), NewYork).Should().Be(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5)));
        OuraRange.StartOfDay(new DateOnly(2026, 3, 9), NewYork).Offset.Should().Be(TimeSpan.FromHours(-4));

        // Santiago springs forward at midnight on 2025-09-07: that day begins at 01:00 -03:00.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var gapDay = OuraRange.StartOfDay(new DateOnly(2025, 9, 7), santiago);
        gapDay.UtcDateTime.Should().Be(new DateTime(2025, 9, 7, 4, 0, 0, DateTimeKind.Utc));
        // It falls back at midnight on 2026-04-05 (00:00 -03:00 becomes 23:00 -04:00): the day begins at the first midnight.
        OuraRange.StartOfDay(new DateOnly(2026, 4, 5), santiago).UtcDateTime.Should().BeOnOrBefore(new DateTime(2026, 4, 5, 4, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Latest_asks_Oura_for_its_latest_row_without_a_range()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null, ClientHarness.Row(h.Clock.GetUtcNow())));

        var result = await h.Client.ListAsync(OuraCatalog.HeartRate, new OuraListRequest { Latest = true }, default);

        h.Request.QueryParameters().Should().BeEquivalentTo(new Dictionary<string, string> { ["latest"] = "true" });
        result.Data.Should().ContainSingle();
    }

    [Fact]
    public async Task Latest_in_the_sandbox_fetches_a_recent_range_and_keeps_the_newest_row()
    {
        var h = new ClientHarness(o => o.UseSandbox = true);
        var now = h.Clock.GetUtcNow();
        h.Handler.ThenJson(ClientHarness.Page(null, ClientHarness.Row(now.AddHours(-3)), ClientHarness.Row(now.AddHours(-1)), ClientHarness.Row(now.AddHours(-2))));

        var result = await h.Client.ListAsync(OuraCatalog.RingBatteryLevel, new OuraListRequest { Latest = true }, default);

        var query = h.Request.QueryParameters();
        query.Keys.Should().BeEquivalentTo("start_datetime", "end_datetime");
        h.Request.Uri.AbsolutePath.Should().Be("/v2/sandbox/usercollection/ring_battery_level");
        result.Data.Should().ContainSingle().Which.Timestamp.Should().Be(now.AddHours(-1));
    }

    [Fact]
    public async Task Latest_on_a_day_collection_is_refused_with_a_sentence()
    {
        var h = new ClientHarness();
        var act = () => h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(March5, March5, Helsinki) with { Latest = true }, default);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("heartrate and ring_battery_level");
    }

    [Fact]
    public async Task Ring_configuration_is_asked_without_range_parameters()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null, """{"id":"ring-1","color":"silver"}"""));

        var result = await h.Client.ListAsync(OuraCatalog.RingConfiguration, new OuraListRequest(), default);

        h.Request.Uri.Query.Should().BeEmpty();
        result.Data.Should().ContainSingle();
    }

    [Fact]
    public async Task Fields_are_sent_where_supported_with_the_trim_field_added()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page(null));

        await h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(March5, March5, Helsinki) with { Fields = ["score", "contributors"] }, default);

        h.Request.Uri.Query.Should().Contain("fields=score,contributors,day");
    }

    [Theory]
    [InlineData("tag", false)]
    [InlineData("enhanced_tag", false)]
    [InlineData("daily_resilience", false)]
    [InlineData("daily_sleep", true)]
    public async Task Fields_are_left_out_where_the_route_ignores_them_and_in_the_sandbox(string name, bool realRouteTakesFields)
    {
        var collection = OuraCatalog.Find(name)!;
        foreach (var sandbox in new[] { false, true })
        {
            var h = new ClientHarness(o => o.UseSandbox = sandbox);
            h.Handler.ThenJson(ClientHarness.Page(null));

            await h.ListAny(collection, OuraListRequest.ForDays(March5, March5, Helsinki) with { Fields = ["id"] });

            h.Request.QueryParameters().ContainsKey("fields").Should().Be(realRouteTakesFields && !sandbox, $"{name}, sandbox={sandbox}");
        }
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_with_a_sentence()
    {
        var h = new ClientHarness();
        var act = () => h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(March5, March5.AddDays(-1), Helsinki), default);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("is before the first day");
        h.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_range_longer_than_the_cap_is_refused_saying_the_cap_and_to_split_it()
    {
        var h = new ClientHarness(o => o.MaxRangeDays = 30);
        var act = () => h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(March5, March5.AddDays(30), Helsinki), default);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("30 days").And.Contain("Split");

        var exactlyThirty = () => h.Client.ListAsync(OuraCatalog.HeartRate, OuraListRequest.ForDays(March5, March5.AddDays(30), Helsinki), default);
        await exactlyThirty.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Day_collections_need_both_days()
    {
        var h = new ClientHarness();
        var act = () => h.Client.ListAsync(OuraCatalog.Workout, new OuraListRequest { StartDay = March5 }, default);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("first and a last local day");
    }

    [Fact]
    public async Task Time_series_need_a_range_or_latest()
    {
        var h = new ClientHarness();
        var act = () => h.Client.ListAsync(OuraCatalog.HeartRate, new OuraListRequest(), default);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("needs a range");
    }

    [Fact]
    public async Task A_base_address_on_the_HttpClient_wins_and_keeps_its_path()
    {
        var h = new ClientHarness(withBaseAddress: true);
        h.Handler.ThenJson(ClientHarness.Page(null));

        await h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(March5, March5, Helsinki), default);

        h.Request.Uri.GetLeftPart(UriPartial.Path).Should().Be("https://other.test/prefix/v2/usercollection/daily_sleep");
    }
}
