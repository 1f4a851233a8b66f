using System.Net;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Tests.Http;

public class DateFilterTests
{
    [Fact]
    public async Task Local_day_collections_filter_on_the_day_with_both_ends_inclusive()
    {
        var person = new TestPerson().DailySleep(new(2026, 3, 4)).DailySleep(new(2026, 3, 5)).DailySleep(new(2026, 3, 6)).DailySleep(new(2026, 3, 7));
        OuraCatalog.DailySleep.DayFilter.Should().Be(UpstreamDayFilter.LocalDayInclusive);
        await using var fake = FakeOuraHarness.Start(person);

        var page = await fake.GetJsonAsync("v2/usercollection/daily_sleep?start_date=2026-03-05&end_date=2026-03-06");

        FakeOuraHarness.Ids(page).Should().Equal("ds-2026-03-05", "ds-2026-03-06");
    }

    [Fact]
    public async Task Sleep_filters_on_the_utc_date_of_bedtime_so_a_helsinki_night_belongs_to_the_previous_utc_date()
    {
        // The night of 5 March in Helsinki starts at 23:30 local on the 4th, 21:30 UTC on the 4th.
        var bedtime = new DateTimeOffset(2026, 3, 4, 23, 30, 0, TimeSpan.FromHours(2));
        var person = new TestPerson(timeZone: TestPerson.Helsinki).Sleep("night-0305", new(2026, 3, 5), bedtime);
        await using var fake = FakeOuraHarness.Start(person);

        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/sleep?start_date=2026-03-05&end_date=2026-03-06"))
            .Should().BeEmpty("the UTC date of its bedtime is the 4th");
        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/sleep?start_date=2026-03-04&end_date=2026-03-05"))
            .Should().Equal("night-0305");
        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/sleep?start_date=2026-03-03&end_date=2026-03-04"))
            .Should().BeEmpty("end_date is exclusive for sleep");
    }

    [Fact]
    public async Task Workout_treats_end_date_as_exclusive_on_the_utc_date_of_its_start()
    {
        var person = new TestPerson()
            .Workout("w5", new(2026, 3, 5), new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero))
            .Workout("w6", new(2026, 3, 6), new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero));
        await using var fake = FakeOuraHarness.Start(person);

        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/workout?start_date=2026-03-05&end_date=2026-03-06")).Should().Equal("w5");
        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/workout?start_date=2026-03-05&end_date=2026-03-07")).Should().Equal("w5", "w6");
    }

    [Fact]
    public async Task Day_parameters_also_accept_a_full_datetime_and_take_its_calendar_date()
    {
        var person = new TestPerson().DailySleep(new(2026, 3, 5)).DailySleep(new(2026, 3, 6));
        await using var fake = FakeOuraHarness.Start(person);

        var page = await fake.GetJsonAsync("v2/usercollection/daily_sleep?start_date=2026-03-06T00:00:00%2B02:00&end_date=2026-03-06T23:59:59Z");

        FakeOuraHarness.Ids(page).Should().Equal("ds-2026-03-06");
    }

    [Fact]
    public async Task Without_dates_a_day_collection_serves_the_last_week_of_the_person()
    {
        var person = new TestPerson { LastDay = new(2026, 3, 10) };
        for (var day = new DateOnly(2026, 3, 1); day <= person.LastDay; day = day.AddDays(1)) person.DailySleep(day);
        await using var fake = FakeOuraHarness.Start(person);

        var page = await fake.GetJsonAsync("v2/usercollection/daily_sleep");

        FakeOuraHarness.Ids(page).Should().Equal(Enumerable.Range(4, 7).Select(d => $"ds-2026-03-{d:00}"));
    }

    [Fact]
    public async Task A_start_after_the_end_answers_400_with_a_short_detail()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());

        var body = await fake.GetJsonAsync("v2/usercollection/daily_sleep?start_date=2026-03-06&end_date=2026-03-05", 400);

        body.GetProperty("detail").GetString().Should().Contain("start_date");
    }

    [Theory]
    [InlineData("start_date=2026-13-01")]
    [InlineData("start_date=yesterday")]
    [InlineData("end_date=2026-03-05T25:00:00Z")]
    public async Task A_malformed_date_answers_422_shaped_like_HTTPValidationError(string query)
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());

        using var response = await fake.GetAsync("v2/usercollection/daily_sleep?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await ValidationErrors.ReadAsync(response);
        error.Detail.Should().ContainSingle().Which.Loc.Select(l => l.GetString()).Should().Equal("query", query.Split('=')[0]);
    }

    [Fact]
    public async Task Unknown_query_parameters_are_ignored_as_FastAPI_does()
    {
        var person = new TestPerson().DailySleep(new(2026, 3, 5));
        await using var fake = FakeOuraHarness.Start(person);

        var page = await fake.GetJsonAsync("v2/usercollection/daily_sleep?start_date=2026-03-05&end_date=2026-03-05&colour=blue&start_datetime=x");

        FakeOuraHarness.Ids(page).Should().Equal("ds-2026-03-05");
    }
}
