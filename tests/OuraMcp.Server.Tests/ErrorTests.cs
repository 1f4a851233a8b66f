using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class ErrorTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, object, string> BadInputs => new()
    {
        { "get_sleep", new { start_date = "2026-02-30" }, "start_date '2026-02-30' is not a real date: February 2026 has 28 days. Send a date in yyyy-MM-dd form, e.g. 2026-02-28." },
        { "get_sleep", new { end_date = "March 5" }, "end_date 'March 5' is not a date in yyyy-MM-dd form. Send e.g. 2026-03-05." },
        { "get_sleep", new { start_date = "2026-03-05", end_date = "2026-03-01" }, "end_date 2026-03-01 is before start_date 2026-03-05: send an end_date on or after the start_date." },
        { "get_readiness", new { start_date = "2025-01-01", end_date = "2026-03-05" }, "The range 2025-01-01..2026-03-05 covers 429 days; this tool answers at most 366 days per call. Ask in parts, for example start_date=2025-01-01 end_date=2026-01-01, then continue from 2026-01-02." },
        { "get_heart_rate", new { start_date = "2026-01-01", end_date = "2026-03-05", resolution = "raw" }, "spans 64 days; at this resolution the tool answers at most 31 days per call" },
        { "get_heart_rate", new { start_datetime = "yesterday" }, "start_datetime 'yesterday' is not an ISO 8601 date-time" },
        { "get_heart_rate", new { resolution = "weekly" }, "Argument 'resolution' is 'weekly', which is not one of: raw, 5min, hourly, daily." },
        { "get_heart_rate", new { source = new[] { "running" } }, "Unknown heart-rate source 'running'. Valid sources: awake, workout, rest, sleep, live, session." },
        { "get_heart_rate", new { start_date = "2026-03-01", start_datetime = "2026-03-01T08:00:00Z" }, "Send either start_datetime/end_datetime or start_date/end_date, not both." },
        { "get_readiness", new { fields = new[] { "scroe" } }, "Unknown field 'scroe' for daily_readiness. Valid fields: id, contributors, day, score, temperature_deviation, temperature_trend_deviation, timestamp." },
        { "get_daily_summary", new { fields = new[] { "score" } }, "get_daily_summary has no argument 'fields'. Its arguments are: start_date, end_date, detail, cursor." },
        { "get_sleep", new { start = "2026-03-01" }, "get_sleep has no argument 'start'. Its arguments are: start_date, end_date, include_naps, detail, fields, cursor." },
        { "get_sleep", new { detail = "yes" }, "Argument 'detail' must be true or false, not the string \"yes\"." },
        { "get_sleep", new { fields = "score" }, "Argument 'fields' must be an array of strings (e.g. [\"a\",\"b\"]), not the string \"score\"." },
        { "get_document", new { collection = "heartrate", id = "x" }, "Argument 'collection' is 'heartrate', which is not one of:" },
        { "get_document", new { collection = "workout", id = "../../personal_info" }, "'../../personal_info' is not a valid document id" },
        { "get_sleep", new { cursor = "not-a-cursor" }, "cursor is not one this server issued to you" },
        { "get_personal_info", new { day = "2026-03-01" }, "get_personal_info takes no arguments; leave out 'day'." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_an_error_that_says_what_to_send_and_carries_no_structured_content(string tool, object arguments, string message)
    {
        var result = await _server.CallAsync(tool, arguments);

        result.IsError.Should().BeTrue();
        result.StructuredContent.Should().BeNull();
        result.Text().Should().Contain(message);
    }

    [Fact]
    public async Task A_long_rate_limit_reaches_the_model_as_when_to_retry()
    {
        _server.Fake!.Faults.RateLimit(retryAfterSeconds: 120, count: null);

        var result = await _server.CallAsync("get_sleep");

        AssertOuraError(result, "retry after 120 s");
    }

    [Fact]
    public async Task A_missing_scope_reaches_the_model_naming_the_scope()
    {
        var scopes = OuraCatalog.All.Select(c => c.Scope).OfType<string>().Where(s => s != "workout").Distinct().ToList();
        await using var server = await ServerHarness.StartAsync(scopes: scopes);

        var result = await server.CallAsync("get_workouts");
        var other = await server.CallAsync("get_readiness");

        AssertOuraError(result, "the token lacks the 'workout' scope");
        result.Text().Should().Contain("granting 'workout'");
        other.IsError.Should().NotBe(true, "only the missing scope is refused");
    }

    [Fact]
    public async Task A_rejected_token_reaches_the_model_with_how_to_sign_in()
    {
        _server.Fake!.Faults.ExpiredToken(count: null);

        var result = await _server.CallAsync("get_daily_summary");

        AssertOuraError(result, "Oura rejected the access token (401)");
        result.Text().Should().Contain("OURA_ACCESS_TOKEN").And.Contain("auth login");
    }

    [Fact]
    public async Task A_refused_collection_reaches_the_model_with_the_reason()
    {
        _server.Fake!.Faults.Forbidden(count: null, pathPrefix: "/v2/usercollection/daily_stress");

        var result = await _server.CallAsync("get_stress");

        AssertOuraError(result, "membership has expired");
    }

    [Fact]
    public async Task An_unknown_document_id_says_how_to_find_a_valid_one()
    {
        var result = await _server.CallAsync("get_document", new { collection = "workout", id = "w-404" });

        AssertOuraError(result, "There is no document with id 'w-404' in workout. List workout to find a valid id.");
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_clear_error_and_the_server_stays_up()
    {
        // The test double: only it can throw an exception Oura's client never would.
        var oura = new InMemoryOuraClient().Fail(OuraCatalog.DailyStress, new InvalidOperationException("secret internals"));
        await using var server = await ServerHarness.StartAsync(oura);

        var failed = await server.CallAsync("get_stress");
        var next = await server.CallAsync("get_vo2_max");

        failed.IsError.Should().BeTrue();
        failed.Text().Should().Be("get_stress failed unexpectedly (InvalidOperationException). The server logged the details and is still running; try again, or with other arguments.");
        next.IsError.Should().NotBe(true);
    }

    private static void AssertOuraError(ModelContextProtocol.Protocol.CallToolResult result, string message)
    {
        result.IsError.Should().BeTrue();
        result.StructuredContent.Should().BeNull();
        result.Text().Should().Contain(message).And.NotContain("An error occurred invoking");
    }
}
