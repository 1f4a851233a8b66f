using System.Text.Json;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class ToolAnswerTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Daily_summary_defaults_to_the_last_seven_local_days_and_puts_every_score_side_by_side()
    {
        var answer = (await _server.CallAsync("get_daily_summary")).Structured();

        answer.Str("start").Should().Be("2026-02-27");
        answer.Str("end").Should().Be("2026-03-05");
        answer.Str("time_zone").Should().Be("Europe/Helsinki");
        answer.GetProperty("complete").GetBoolean().Should().BeTrue();
        answer.GetProperty("missing_days").Strings().Should().Equal("2026-02-27", "2026-02-28", "2026-03-03", "2026-03-05");
        var days = answer.GetProperty("items").EnumerateArray().ToArray();
        days.Select(d => d.Str("day")).Should().Equal("2026-03-01", "2026-03-02", "2026-03-04");
        var first = days[0];
        first.Num("sleep_score").Should().Be(82);
        first.Num("readiness_score").Should().Be(79);
        first.Num("activity_score").Should().Be(90);
        first.Num("steps").Should().Be(10234);
        first.Str("stress").Should().Be("normal");
        first.Str("resilience").Should().Be("solid");
        days[2].GetProperty("readiness_score").ValueKind.Should().Be(JsonValueKind.Null, "a missing value is null, not left out");
    }

    [Fact]
    public async Task Daily_summary_asks_oura_for_exactly_the_default_days_in_the_users_time_zone()
    {
        await _server.CallAsync("get_daily_summary");

        var requests = _server.Oura.Requests.ToList();
        requests.Select(r => r.Collection).Should().BeEquivalentTo("daily_sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience");
        requests.Should().OnlyContain(r => r.Request.StartDay == TestData.Day(27, 2) && r.Request.EndDay == TestData.Day(5) && r.Request.TimeZone.Id == TestData.Zone);
    }

    [Fact]
    public async Task Sleep_joins_the_score_with_the_main_period_in_compact_form_and_counts_naps()
    {
        var result = await _server.CallAsync("get_sleep", new { start_date = "2026-03-01", end_date = "2026-03-02" });

        var nights = result.Items();
        nights.Should().HaveCount(2);
        var night = nights[0];
        night.Num("score").Should().Be(82);
        night.GetProperty("contributors").Num("deep_sleep").Should().Be(90);
        night.Num("other_periods").Should().Be(1);
        night.TryGetProperty("naps", out _).Should().BeFalse();
        var main = night.GetProperty("main");
        main.Str("type").Should().Be("long_sleep");
        main.Str("bedtime").Should().Be("23:14");
        main.Str("wake_time").Should().Be("06:48");
        main.Num("total_sleep_seconds").Should().Be(25920);
        main.Str("total_sleep").Should().Be("7:12");
        main.Str("deep_sleep").Should().Be("1:30");
        main.Num("lowest_heart_rate").Should().Be(52);
        main.Num("average_heart_rate").Should().Be(58.3);
        main.Num("average_hrv").Should().Be(45);
        main.TryGetProperty("latency", out _).Should().BeFalse("only durations with an h:mm twin get one");
        nights[1].GetProperty("main").Str("total_sleep").Should().Be("6:00");
        nights[1].TryGetProperty("other_periods", out _).Should().BeFalse("a deleted period is not sleep");
        result.Text().Should().Contain("total_sleep=7:12 (25920 s)");
    }

    [Fact]
    public async Task Sleep_lists_naps_compactly_when_asked()
    {
        var night = (await _server.CallAsync("get_sleep", new { start_date = "2026-03-01", end_date = "2026-03-01", include_naps = true })).Items()[0];

        var nap = night.GetProperty("naps").EnumerateArray().Single();
        nap.Str("type").Should().Be("late_nap");
        nap.Str("bedtime").Should().Be("14:00");
        nap.Str("total_sleep").Should().Be("0:25");
    }

    [Fact]
    public async Task Detail_returns_whole_documents_of_every_collection_the_tool_reads()
    {
        var answer = (await _server.CallAsync("get_sleep", new { start_date = "2026-03-01", end_date = "2026-03-01", detail = true })).Structured();

        answer.TryGetProperty("items", out _).Should().BeFalse();
        var documents = answer.GetProperty("documents");
        documents.GetProperty("daily_sleep").EnumerateArray().Single().Str("id").Should().Be("ds-1");
        documents.GetProperty("sleep").EnumerateArray().Select(d => d.Str("id")).Should().Equal("s-1", "s-1n");
        documents.GetProperty("sleep")[0].Num("time_in_bed").Should().Be(27240);
    }

    [Fact]
    public async Task Fields_project_documents_onto_the_named_members_plus_id_and_day()
    {
        var answer = (await _server.CallAsync("get_readiness", new { start_date = "2026-03-01", end_date = "2026-03-02", fields = new[] { "score" } })).Structured();

        var docs = answer.GetProperty("documents").GetProperty("daily_readiness").EnumerateArray().ToArray();
        docs.Should().HaveCount(2);
        docs[0].EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("score", "id", "day");
        docs[1].Num("score").Should().Be(65);
        _server.Oura.Requests.Single().Request.Fields.Should().BeEquivalentTo("score", "id", "day");
    }

    [Fact]
    public async Task Readiness_carries_temperature_deviation_and_contributors()
    {
        var first = (await _server.CallAsync("get_readiness", new { start_date = "2026-03-01", end_date = "2026-03-01" })).Items()[0];

        first.Num("score").Should().Be(79);
        first.Num("temperature_deviation").Should().Be(-0.12);
        first.GetProperty("contributors").Num("hrv_balance").Should().Be(70);
    }

    [Theory]
    [InlineData("get_resilience", "level", "solid")]
    [InlineData("get_stress", "summary", "normal")]
    [InlineData("get_workouts", "activity", "running")]
    [InlineData("get_workouts", "duration", "0:45")]
    [InlineData("get_workouts", "start", "2026-03-02T07:30+02:00")]
    [InlineData("get_sessions", "type", "meditation")]
    [InlineData("get_sessions", "duration", "0:10")]
    [InlineData("get_sleep_time", "optimal_bedtime_start", "23:00")]
    [InlineData("get_sleep_time", "optimal_bedtime_end", "00:30")]
    [InlineData("get_sleep_time", "recommendation", "earlier_bedtime")]
    [InlineData("get_tags", "name", "tag_generic_caffeine")]
    [InlineData("get_rest_mode_periods", "end_day", "2026-03-04")]
    [InlineData("get_activity", "high_activity", "0:30")]
    public async Task Day_tools_answer_the_known_text_values(string tool, string member, string expected)
    {
        var items = (await _server.CallAsync(tool, new { start_date = "2026-03-01", end_date = "2026-03-05" })).Items();

        items[0].Str(member).Should().Be(expected);
    }

    [Theory]
    [InlineData("get_activity", "steps", 10234)]
    [InlineData("get_activity", "walking_distance_meters", 9100)]
    [InlineData("get_workouts", "calories", 421)]
    [InlineData("get_workouts", "distance_meters", 8012)]
    [InlineData("get_workouts", "duration_seconds", 2700)]
    [InlineData("get_sessions", "average_heart_rate", 58)]
    [InlineData("get_stress", "stress_high_seconds", 3600)]
    [InlineData("get_cardiovascular_age", "vascular_age", 38)]
    [InlineData("get_cardiovascular_age", "pulse_wave_velocity", 7.1)]
    [InlineData("get_vo2_max", "vo2_max", 44)]
    [InlineData("get_spo2", "average_spo2_percent", 96.4)]
    [InlineData("get_spo2", "breathing_disturbance_index", 7)]
    public async Task Day_tools_answer_the_known_numbers(string tool, string member, double expected)
    {
        var items = (await _server.CallAsync(tool, new { start_date = "2026-03-01", end_date = "2026-03-05" })).Items();

        items[0].Num(member).Should().Be(expected);
    }

    [Fact]
    public async Task Tags_merge_both_tag_collections_one_row_each_in_day_order()
    {
        var rows = (await _server.CallAsync("get_tags", new { start_date = "2026-03-01", end_date = "2026-03-02" })).Items();

        rows.Select(r => (r.Str("kind"), r.Str("name"), r.Str("comment"))).Should().Equal(
            ("enhanced_tag", "tag_generic_caffeine", "double espresso"),
            ("tag", "late_meal", "late dinner"));
    }

    [Fact]
    public async Task Personal_info_gives_units_in_the_member_names()
    {
        var answer = (await _server.CallAsync("get_personal_info")).Structured();

        answer.Num("age").Should().Be(41);
        answer.Num("weight_kg").Should().Be(72.5);
        answer.Num("height_meters").Should().Be(1.78);
    }

    [Fact]
    public async Task Ring_configuration_lists_every_ring()
    {
        var ring = (await _server.CallAsync("get_ring_configuration")).Items().Single();

        ring.Str("hardware_type").Should().Be("gen4");
        ring.Num("size").Should().Be(9);
    }

    [Fact]
    public async Task Document_by_id_returns_the_whole_document()
    {
        var answer = (await _server.CallAsync("get_document", new { collection = "workout", id = "w-1" })).Structured();

        answer.Str("collection").Should().Be("workout");
        answer.GetProperty("document").Num("distance").Should().Be(8012.4);
    }
}
