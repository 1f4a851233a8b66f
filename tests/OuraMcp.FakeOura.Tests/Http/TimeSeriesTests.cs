using System.Net;

namespace OuraMcp.FakeOura.Tests.Http;

public class TimeSeriesTests
{
    private static TestPerson HourlyHeartRate(int hours)
    {
        var person = new TestPerson { LastDay = new(2026, 3, 5) };
        for (var h = 0; h < hours; h++) person.HeartRate(new DateTimeOffset(2026, 3, 5, h, 0, 0, TimeSpan.Zero), 60 + h);
        return person;
    }

    private static string[] Timestamps(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("timestamp").GetString()!)];

    [Fact]
    public async Task Heart_rate_filters_rows_start_inclusive_end_exclusive_with_an_escaped_offset()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(6));

        // 03:00+02:00 is 01:00 UTC, 06:00+02:00 is 04:00 UTC.
        var page = await fake.GetJsonAsync("v2/usercollection/heartrate?start_datetime=2026-03-05T03:00:00%2B02:00&end_datetime=2026-03-05T06:00:00%2B02:00");

        Timestamps(page).Should().Equal("2026-03-05T01:00:00+00:00", "2026-03-05T02:00:00+00:00", "2026-03-05T03:00:00+00:00");
    }

    [Fact]
    public async Task An_unescaped_plus_in_the_offset_arrives_as_a_space_and_answers_422()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(6));

        using var response = await fake.GetAsync("v2/usercollection/heartrate?start_datetime=2026-03-05T03:00:00+02:00&end_datetime=2026-03-05T06:00:00%2B02:00");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await ValidationErrors.ReadAsync(response);
        error.Detail!.Single().Loc.Select(l => l.GetString()).Should().Equal("query", "start_datetime");
        fake.Server.Requests.All.Single().Query["start_datetime"].Should().Be("2026-03-05T03:00:00 02:00");
    }

    [Fact]
    public async Task Latest_returns_only_the_most_recent_row_in_range()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(6));

        var page = await fake.GetJsonAsync("v2/usercollection/heartrate?start_datetime=2026-03-05T00:00:00Z&end_datetime=2026-03-05T04:00:00Z&latest=true");

        Timestamps(page).Should().Equal("2026-03-05T03:00:00+00:00");
    }

    [Fact]
    public async Task A_latest_that_is_not_a_boolean_answers_422_but_the_sandbox_ignores_latest()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(6));
        const string range = "start_datetime=2026-03-05T00:00:00Z&end_datetime=2026-03-05T04:00:00Z";

        using var response = await fake.GetAsync($"v2/usercollection/heartrate?{range}&latest=maybe");
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ValidationErrors.ReadAsync(response)).Detail!.Single().Type.Should().Be("bool_parsing");

        Timestamps(await fake.GetJsonAsync($"v2/sandbox/usercollection/heartrate?{range}&latest=true")).Should().HaveCount(4);
    }

    [Fact]
    public async Task Time_series_pages_by_TimeSeriesPageSize_and_the_last_page_leaves_next_token_out()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(5), options => options.TimeSeriesPageSize = 2);
        const string query = "v2/usercollection/heartrate?start_datetime=2026-03-05T00:00:00Z&end_datetime=2026-03-06T00:00:00Z";

        var rows = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await fake.GetJsonAsync(token is null ? query : $"{query}&next_token={Uri.EscapeDataString(token)}");
            rows.AddRange(Timestamps(page));
            token = page.TryGetProperty("next_token", out var next) ? next.GetString() : null;
            if (token is null) page.TryGetProperty("next_token", out _).Should().BeFalse("the time-series envelope does not require it");
            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        rows.Should().HaveCount(5).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_date_only_datetime_answers_422()
    {
        await using var fake = FakeOuraHarness.Start(HourlyHeartRate(1));

        using var response = await fake.GetAsync("v2/usercollection/ring_battery_level?start_datetime=2026-03-05");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ValidationErrors.ReadAsync(response)).Detail!.Single().Loc.Select(l => l.GetString()).Should().Equal("query", "start_datetime");
    }
}
