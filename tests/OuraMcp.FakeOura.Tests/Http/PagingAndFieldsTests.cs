using System.Net;
using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Http;

public class PagingAndFieldsTests
{
    private static TestPerson FiveNights()
    {
        var person = new TestPerson();
        for (var d = 1; d <= 5; d++) person.DailySleep(new DateOnly(2026, 3, d), score: 70 + d);
        return person;
    }

    private const string FirstWeek = "v2/usercollection/daily_sleep?start_date=2026-03-01&end_date=2026-03-07";

    [Fact]
    public async Task Day_collections_page_to_the_end_and_the_last_page_carries_next_token_null()
    {
        await using var fake = FakeOuraHarness.Start(FiveNights(), options => options.DocumentPageSize = 2);

        var ids = new List<string>();
        string? token = null;
        JsonElement page;
        do
        {
            page = await fake.GetJsonAsync(token is null ? FirstWeek : $"{FirstWeek}&next_token={Uri.EscapeDataString(token)}");
            ids.AddRange(FakeOuraHarness.Ids(page));
            page.TryGetProperty("next_token", out var next).Should().BeTrue("the day-list envelope requires next_token");
            token = next.GetString();
        }
        while (token is not null);

        ids.Should().Equal("ds-2026-03-01", "ds-2026-03-02", "ds-2026-03-03", "ds-2026-03-04", "ds-2026-03-05");
        page.GetProperty("next_token").ValueKind.Should().Be(JsonValueKind.Null);
        fake.Server.Requests.Count("/v2/usercollection/daily_sleep").Should().Be(3);
    }

    [Fact]
    public async Task A_next_token_is_bound_to_its_query_and_refused_with_other_filters()
    {
        await using var fake = FakeOuraHarness.Start(FiveNights(), options => options.DocumentPageSize = 2);
        var token = (await fake.GetJsonAsync(FirstWeek)).GetProperty("next_token").GetString()!;

        var other = await fake.GetJsonAsync($"v2/usercollection/daily_sleep?start_date=2026-03-02&end_date=2026-03-07&next_token={Uri.EscapeDataString(token)}", 400);
        other.GetProperty("detail").GetString().Should().Contain("next_token");
        (await fake.GetAsync($"v2/usercollection/daily_readiness?start_date=2026-03-01&end_date=2026-03-07&next_token={Uri.EscapeDataString(token)}"))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "nor does it work on another collection");
        (await fake.GetAsync($"{FirstWeek}&next_token=not-a-token")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fields_keeps_the_requested_members_and_the_always_returned_ones()
    {
        await using var fake = FakeOuraHarness.Start(FiveNights());

        var page = await fake.GetJsonAsync(FirstWeek + "&fields=score");

        var first = page.GetProperty("data")[0];
        first.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["id", "day", "timestamp", "score"]);
        first.GetProperty("score").GetInt32().Should().Be(71);
        page.GetProperty("next_token").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_unknown_field_answers_422_with_loc_query_fields()
    {
        await using var fake = FakeOuraHarness.Start(FiveNights());

        using var response = await fake.GetAsync(FirstWeek + "&fields=score,shoe_size");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var detail = (await ValidationErrors.ReadAsync(response)).Detail!.Single();
        detail.Loc.Select(l => l.GetString()).Should().Equal("query", "fields");
        detail.Msg.Should().Contain("shoe_size");
    }

    [Fact]
    public async Task Tag_and_the_sandbox_ignore_fields_and_return_whole_documents()
    {
        var day = new DateOnly(2026, 3, 5);
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(day));
        OuraCatalog.Tag.SupportsFields.Should().BeFalse();

        var tag = (await fake.GetJsonAsync("v2/usercollection/tag?start_date=2026-03-05&end_date=2026-03-05&fields=nonsense")).GetProperty("data")[0];
        tag.TryGetProperty("tags", out _).Should().BeTrue();

        var sandbox = (await fake.GetJsonAsync("v2/sandbox/usercollection/vO2_max?start_date=2026-03-05&end_date=2026-03-05&fields=nonsense")).GetProperty("data")[0];
        sandbox.GetProperty("vo2_max").GetInt32().Should().Be(45);
    }

    [Fact]
    public async Task A_single_document_is_the_bare_model_and_an_unknown_id_is_404_Not_Found()
    {
        await using var fake = FakeOuraHarness.Start(FiveNights());

        var document = await fake.GetJsonAsync("v2/usercollection/daily_sleep/ds-2026-03-03");
        var model = document.Deserialize<DailySleep>(Oura.Json.OuraJson.Options)!;
        model.Score.Should().Be(73);
        model.Day.Should().Be(new DateOnly(2026, 3, 3));
        document.TryGetProperty("data", out _).Should().BeFalse();

        (await fake.GetJsonAsync("v2/usercollection/daily_sleep/nope", 404)).GetProperty("detail").GetString().Should().Be("Not Found");
        (await fake.GetJsonAsync("v2/sandbox/usercollection/daily_sleep/nope", 404)).GetProperty("detail").GetString().Should().Be("Not Found");
    }

    [Fact]
    public async Task Ring_configuration_takes_no_dates_and_serves_every_ring()
    {
        var day = new DateOnly(2020, 1, 1);
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(day));

        FakeOuraHarness.Ids(await fake.GetJsonAsync("v2/usercollection/ring_configuration?start_date=2026-03-05")).Should().Equal("ring_configuration-1");
    }
}
