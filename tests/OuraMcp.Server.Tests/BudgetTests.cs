using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class BudgetTests
{
    [Fact]
    public async Task An_answer_over_budget_is_cut_on_a_row_boundary_says_so_and_the_cursor_gives_the_rest_exactly_once()
    {
        await using var server = await ServerHarness.StartAsync(maxResponseTokens: 2_000);
        var args = new { start_date = "2025-03-01", end_date = "2026-02-28" };
        var truth = Truth.On(OuraCatalog.DailyReadiness, new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28)).Select(d => d.Day.ToString("yyyy-MM-dd")).ToList();

        var days = new List<string>();
        var missing = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var result = cursor is null ? await server.CallAsync("get_readiness", args) : await server.CallAsync("get_readiness", new { cursor });
            var answer = result.Structured();
            pages++;
            var text = result.Text();
            (text.Length + answer.GetRawText().Length).Should().BeLessThan(2_000 * 4, "the whole result stays inside the budget");
            days.AddRange(answer.Items().Select(i => i.Str("day")!));
            if (answer.TryGetProperty("missing_days", out var m)) missing.AddRange(m.Strings());
            cursor = answer.Str("cursor");
            if (cursor is not null)
            {
                answer.GetProperty("complete").GetBoolean().Should().BeFalse();
                answer.Str("notice").Should().StartWith("Cut at the response budget of 2,000 tokens after");
                text.Should().Contain("cursor: " + cursor);
            }
            else
            {
                answer.GetProperty("complete").GetBoolean().Should().BeTrue();
            }
        }
        while (cursor is not null && pages < 100);

        pages.Should().BeGreaterThan(3);
        days.Should().Equal(truth, "every day Oura has, once, in order");
        missing.Should().OnlyHaveUniqueItems();
        days.Concat(missing).Should().HaveCount(365, "every day of the range is either answered or named missing");
    }

    [Fact]
    public async Task A_cut_inside_a_day_with_several_rows_resumes_at_the_next_row_of_that_day()
    {
        // The test double: sixty workouts on one day is more than the fake's people ever do.
        var oura = new InMemoryOuraClient();
        var day = new DateOnly(2026, 3, 1);
        oura.Add(OuraCatalog.Workout, Enumerable.Range(0, 60).Select(i => new Workout
        {
            Id = $"w-{i:00}", Day = day, Activity = "walking", Label = new string('x', 200),
            StartDatetime = TestData.Local(1, 6).AddMinutes(i * 10), EndDatetime = TestData.Local(1, 6).AddMinutes(i * 10 + 5),
            Intensity = WorkoutIntensity.Easy, Source = WorkoutSource.Manual,
        }).ToArray());
        await using var server = await ServerHarness.StartAsync(oura, maxResponseTokens: 2_000);

        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var answer = (cursor is null
                ? await server.CallAsync("get_workouts", new { start_date = "2026-03-01", end_date = "2026-03-01" })
                : await server.CallAsync("get_workouts", new { start_date = "2026-03-01", end_date = "2026-03-01", cursor })).Structured();
            ids.AddRange(answer.Items().Select(i => i.Str("id")!));
            cursor = answer.Str("cursor");
        }
        while (cursor is not null);

        ids.Should().Equal(Enumerable.Range(0, 60).Select(i => $"w-{i:00}"));
    }

    [Fact]
    public async Task A_cursor_with_other_arguments_is_refused()
    {
        await using var server = await ServerHarness.StartAsync(maxResponseTokens: 2_000);
        var first = (await server.CallAsync("get_readiness", new { start_date = "2025-03-01", end_date = "2026-02-28" })).Structured();

        var result = await server.CallAsync("get_readiness", new { start_date = "2025-04-01", end_date = "2026-02-28", cursor = first.Str("cursor") });
        var otherTool = await server.CallAsync("get_sleep", new { cursor = first.Str("cursor") });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("This cursor was issued for other arguments.");
        otherTool.IsError.Should().BeTrue();
        otherTool.Text().Should().Be("This cursor continues get_readiness, not get_sleep: call get_readiness with it.");
    }

    [Fact]
    public async Task Raw_heart_rate_over_budget_continues_by_instant_and_gives_every_sample_once()
    {
        await using var server = await ServerHarness.StartAsync(maxResponseTokens: 5_000);

        var times = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var answer = (cursor is null
                ? await server.CallAsync("get_heart_rate", new { start_date = "2026-03-03", end_date = "2026-03-04", resolution = "raw" })
                : await server.CallAsync("get_heart_rate", new { cursor })).Structured();
            times.AddRange(answer.Items().Select(i => i.Str("time")!));
            cursor = answer.Str("cursor");
            pages++;
        }
        while (cursor is not null && pages < 200);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone);
        var truth = Truth.Of(OuraCatalog.HeartRate)
            .Select(s => TimeZoneInfo.ConvertTime(s.Timestamp, zone))
            .Where(t => t.Date >= new DateTime(2026, 3, 3) && t.Date <= new DateTime(2026, 3, 4))
            .ToList();
        pages.Should().BeGreaterThan(1);
        times.Should().HaveCount(truth.Count).And.OnlyHaveUniqueItems();
    }
}
