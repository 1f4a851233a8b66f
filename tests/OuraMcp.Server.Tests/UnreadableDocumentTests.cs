using System.Text.Json;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// One document Oura sends in a shape it does not document never sinks an answer: the rest is served, the bad one is
/// named (collection, id or day or time, field, value cut short), the answer says it is not complete, and it does not
/// tell the agent to try again, which would bring the same document back.
/// </summary>
public sealed class UnreadableDocumentTests
{
    private const string Spoiled = "this is not what Oura documents for this member, and it goes on for a long while";

    public static TheoryData<string, string, string, string> EveryCollection() => new()
    {
        // tool, collection, member spoiled, arguments (JSON)
        { "get_activity", "daily_activity", "day", Days("2026-01-01", "2026-02-28") },
        { "get_cardiovascular_age", "daily_cardiovascular_age", "day", Days("2026-01-01", "2026-02-28") },
        { "get_readiness", "daily_readiness", "day", Days("2026-01-01", "2026-02-28") },
        { "get_resilience", "daily_resilience", "day", Days("2026-01-01", "2026-02-28") },
        { "get_sleep", "daily_sleep", "day", Days("2026-01-01", "2026-02-28") },
        { "get_sleep", "sleep", "bedtime_start", Days("2026-01-01", "2026-02-28") },
        { "get_spo2", "daily_spo2", "day", Days("2026-01-01", "2026-02-28") },
        { "get_stress", "daily_stress", "day", Days("2026-01-01", "2026-02-28") },
        { "get_tags", "enhanced_tag", "start_day", Days("2025-06-01", "2026-03-05") },
        { "get_tags", "tag", "day", Days("2025-06-01", "2026-03-05") },
        { "get_rest_mode_periods", "rest_mode_period", "start_day", Days("2025-03-06", "2026-03-05") },
        { "get_sessions", "session", "day", Days("2025-12-01", "2026-03-05") },
        { "get_sleep_time", "sleep_time", "day", Days("2026-01-01", "2026-02-28") },
        { "get_vo2_max", "vO2_max", "day", Days("2026-01-01", "2026-02-28") },
        { "get_workouts", "workout", "day", Days("2026-01-01", "2026-02-28") },
        { "get_ring_configuration", "ring_configuration", "set_up_at", """{"detail":true}""" },
        { "get_heart_rate", "heartrate", "bpm", """{"start_date":"2026-03-01","end_date":"2026-03-01","resolution":"raw"}""" },
        { "get_ring_battery", "ring_battery_level", "level", """{"start_date":"2026-03-01","end_date":"2026-03-01","resolution":"raw"}""" },
    };

    [Theory]
    [MemberData(nameof(EveryCollection))]
    public async Task One_unreadable_document_is_named_and_left_out_and_the_rest_is_served(string tool, string collection, string field, string arguments)
    {
        await using var server = await ServerHarness.StartAsync(maxResponseTokens: 5_000_000);
        var args = JsonSerializer.Deserialize<JsonElement>(arguments);
        var clean = (await server.CallAsync(tool, args)).Structured();
        var served = Served(clean, collection);
        served.Should().BeGreaterThan(1, "the range must hold a document besides the spoiled one");
        clean.GetProperty("complete").GetBoolean().Should().BeTrue();

        server.Fake!.Faults.MalformedDocument(field, Spoiled, documentIndex: 2, pathPrefix: "/v2/usercollection/" + collection);
        var result = await server.CallAsync(tool, args);

        var answer = result.Structured();
        Served(answer, collection).Should().Be(served - 1, "only the spoiled document is left out");
        answer.GetProperty("complete").GetBoolean().Should().BeFalse();
        var notice = answer.Str("notice");
        notice.Should().Contain("Left out 1 document").And.Contain(collection).And.Contain(field)
            .And.Contain($"{field} = \"{Spoiled[..OuraUnreadableDocument.MaxValueLength]}…\"")
            .And.NotContain(Spoiled, "the value is cut short")
            .And.NotContainAny(["Try again", "Retry"]);
        result.Text().Should().Contain("INCOMPLETE").And.Contain("Left out 1 document");
    }

    [Fact]
    public async Task A_sleep_period_with_an_unreadable_bedtime_is_named_by_id_and_day_and_the_week_is_served()
    {
        await using var server = await ServerHarness.StartAsync();
        server.Fake!.Faults.MalformedDocument("bedtime_start", "yesterday-ish", documentIndex: 3, pathPrefix: "/v2/usercollection/sleep");
        var first = Truth.Day("2026-02-20");
        var last = Truth.Day("2026-02-26");

        var answer = (await server.CallAsync("get_sleep", new { start_date = "2026-02-20", end_date = "2026-02-26", detail = true })).Structured();

        var expected = Truth.Documents(OuraMcp.Oura.Catalog.OuraCatalog.Sleep, first, last).Select(d => d.Id).ToList();
        var servedIds = answer.GetProperty("documents").GetProperty("sleep").EnumerateArray().Select(d => d.Str("id")).ToList();
        servedIds.Should().HaveCount(expected.Count - 1).And.BeSubsetOf(expected);
        var missingId = expected.Except(servedIds).Single();
        answer.Str("notice").Should().Contain($"sleep id '{missingId}'").And.Contain("bedtime_start = \"yesterday-ish\"");
        answer.GetProperty("complete").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_single_document_in_a_shape_Oura_does_not_document_is_named_without_asking_to_try_again()
    {
        await using var server = await ServerHarness.StartAsync();
        var workout = Truth.Documents(OuraMcp.Oura.Catalog.OuraCatalog.Workout, Truth.Day("2026-02-01"), Truth.Day("2026-03-01")).First();
        server.Fake!.Faults.MalformedDocument("start_datetime", "half past nine", pathPrefix: "/v2/usercollection/workout/");

        var result = await server.CallAsync("get_document", new { collection = "workout", id = workout.Id });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain($"id '{workout.Id}'").And.Contain("start_datetime = \"half past nine\"")
            .And.Contain("Asking again returns the same").And.NotContainAny(["Try again", "try again"]);
    }

    private static int Served(JsonElement answer, string collection)
    {
        if (answer.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Object)
        {
            return documents.TryGetProperty(collection, out var list) ? list.GetArrayLength() : 0;
        }

        return answer.GetProperty("rows").GetArrayLength();
    }

    private static string Days(string start, string end) => $$"""{"start_date":"{{start}}","end_date":"{{end}}","detail":true}""";
}
