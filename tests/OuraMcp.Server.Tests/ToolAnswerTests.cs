using System.Globalization;
using System.Text.Json.Nodes;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// Every tool's answer checked against the ground truth: the fake person's documents, fetched through the real
/// client and pipeline, with "today" fixed at 2026-03-05 in Helsinki.
/// </summary>
public sealed class ToolAnswerTests : IAsyncLifetime
{
    private static readonly DateOnly From = ServerHarness.Today.AddDays(-13);
    private static readonly DateOnly To = ServerHarness.Today;
    private static readonly object TwoWeeks = new { start_date = Format(From), end_date = Format(To) };

    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Daily_summary_defaults_to_the_last_seven_local_days_and_puts_each_collections_value_side_by_side()
    {
        var answer = (await _server.CallAsync("get_daily_summary")).Structured();

        answer.Str("start").Should().Be("2026-02-27");
        answer.Str("end").Should().Be("2026-03-05");
        answer.Str("time_zone").Should().Be("Europe/Helsinki");
        answer.GetProperty("complete").GetBoolean().Should().BeTrue();
        var first = new DateOnly(2026, 2, 27);
        var sleep = Truth.On(OuraCatalog.DailySleep, first, To).ToDictionary(d => d.Day);
        var readiness = Truth.On(OuraCatalog.DailyReadiness, first, To).ToDictionary(d => d.Day);
        var activity = Truth.On(OuraCatalog.DailyActivity, first, To).ToDictionary(d => d.Day);
        var stress = Truth.On(OuraCatalog.DailyStress, first, To).ToDictionary(d => d.Day);
        var resilience = Truth.On(OuraCatalog.DailyResilience, first, To).ToDictionary(d => d.Day);
        var days = answer.Items().ToArray();
        days.Select(d => Truth.Day(d.Str("day")!)).Should().Equal(
            sleep.Keys.Union(readiness.Keys).Union(activity.Keys).Union(stress.Keys).Union(resilience.Keys).Order());
        foreach (var row in days)
        {
            var day = Truth.Day(row.Str("day")!);
            row.Num("sleep_score").Should().Be(sleep.GetValueOrDefault(day)?.Score, day.ToString());
            row.Num("readiness_score").Should().Be(readiness.GetValueOrDefault(day)?.Score, day.ToString());
            row.Num("activity_score").Should().Be(activity.GetValueOrDefault(day)?.Score, day.ToString());
            row.Num("steps").Should().Be(activity.GetValueOrDefault(day)?.Steps, day.ToString());
            row.Str("stress").Should().Be(Text(stress.GetValueOrDefault(day)?.DaySummary?.Value), day.ToString());
            row.Str("resilience").Should().Be(Text(resilience.GetValueOrDefault(day)?.Level.Value), day.ToString());
        }
    }

    [Fact]
    public async Task Daily_summary_asks_oura_once_per_collection_it_merges()
    {
        await _server.CallAsync("get_daily_summary");

        _server.OuraRequests().Select(r => r.Path.Split('/')[^1]).Should()
            .BeEquivalentTo("daily_sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience");
    }

    [Fact]
    public async Task Sleep_joins_each_days_score_with_its_long_sleep_period()
    {
        var first = To.AddDays(-2);
        var result = await _server.CallAsync("get_sleep", new { start_date = Format(first), end_date = Format(To) });

        var nights = result.Items();
        var lines = result.TextRows();
        var scores = Truth.On(OuraCatalog.DailySleep, first, To).ToDictionary(d => d.Day);
        var periods = Truth.On(OuraCatalog.Sleep, first, To).Where(p => p.Type is not { } t || !t.Is(SleepType.Deleted)).ToList();
        nights.Select(n => Truth.Day(n.Str("day")!)).Should().Equal(scores.Keys.Union(periods.Select(p => p.Day)).Order());
        nights.Should().NotBeEmpty();
        foreach (var night in nights)
        {
            var day = Truth.Day(night.Str("day")!);
            night.Num("score").Should().Be(scores.GetValueOrDefault(day)?.Score);
            if (scores.GetValueOrDefault(day)?.Contributors?.DeepSleep is { } deep)
            {
                night.GetProperty("contributors").Num("deep_sleep").Should().Be(deep);
            }

            var dayPeriods = periods.Where(p => p.Day == day).ToList();
            var longSleep = dayPeriods.SingleOrDefault(p => p.Type is { } t && t.Is(SleepType.LongSleep));
            if (longSleep is null) continue;
            var main = night.GetProperty("main");
            main.Str("type").Should().Be("long_sleep");
            main.Num("total_sleep_seconds").Should().Be(longSleep.TotalSleepDuration);
            main.Num("time_in_bed_seconds").Should().Be(longSleep.TimeInBed);
            main.Num("deep_sleep_seconds").Should().Be(longSleep.DeepSleepDuration);
            main.Num("rem_sleep_seconds").Should().Be(longSleep.RemSleepDuration);
            main.Num("light_sleep_seconds").Should().Be(longSleep.LightSleepDuration);
            main.Num("awake_seconds").Should().Be(longSleep.AwakeTime);
            main.Str("bedtime").Should().Be(longSleep.BedtimeStart.ToString("HH:mm", CultureInfo.InvariantCulture));
            main.Str("wake_time").Should().Be(longSleep.BedtimeEnd.ToString("HH:mm", CultureInfo.InvariantCulture));
            main.Num("lowest_heart_rate").Should().Be(longSleep.LowestHeartRate);
            main.Num("average_hrv").Should().Be(longSleep.AverageHrv);
            night.Num("other_periods").Should().Be(dayPeriods.Count > 1 ? dayPeriods.Count - 1 : null);
            var line = lines.Single(l => l["day"] == night.Str("day"));
            line["main.total_sleep (h:mm)"].Should().Be(Durations.HoursMinutes(longSleep.TotalSleepDuration));
            line["main.bedtime"].Should().Be(main.Str("bedtime"));
        }
    }

    [Fact]
    public async Task Sleep_lists_the_days_other_periods_compactly_when_asked()
    {
        var withNap = Truth.Of(OuraCatalog.Sleep)
            .Where(p => p.Day >= To.AddDays(-90) && p.Type is { } t && !t.Is(SleepType.LongSleep) && !t.Is(SleepType.Deleted))
            .Select(p => p.Day).LastOrDefault();
        withNap.Should().NotBe(default, "the demo person naps now and then");

        var night = (await _server.CallAsync("get_sleep", new { start_date = Format(withNap), end_date = Format(withNap), include_naps = true })).Items().Single();

        var others = Truth.On(OuraCatalog.Sleep, withNap, withNap)
            .Where(p => p.Type is not { } t || (!t.Is(SleepType.LongSleep) && !t.Is(SleepType.Deleted)))
            .OrderBy(p => p.BedtimeStart).ToList();
        var naps = night.GetProperty("naps").EnumerateArray().ToArray();
        naps.Select(n => (n.Str("type"), n.Num("total_sleep_seconds"))).Should()
            .Equal(others.Select(p => (p.Type?.Value, (double?)p.TotalSleepDuration)));
    }

    [Fact]
    public async Task Detail_returns_the_whole_documents_of_every_collection_the_tool_reads()
    {
        var day = To.AddDays(-1);
        var answer = (await _server.CallAsync("get_sleep", new { start_date = Format(day), end_date = Format(day), detail = true })).Structured();

        answer.TryGetProperty("rows", out _).Should().BeFalse();
        answer.TryGetProperty("columns", out _).Should().BeFalse();
        var documents = answer.GetProperty("documents");
        documents.GetProperty("daily_sleep").EnumerateArray().Select(d => d.Str("id")).Should()
            .Equal(Truth.Documents(OuraCatalog.DailySleep, day, day).Select(d => d.Id));
        documents.GetProperty("sleep").EnumerateArray().Select(d => d.Str("id")).Should()
            .BeEquivalentTo(Truth.Documents(OuraCatalog.Sleep, day, day).Select(d => d.Id));
        var first = documents.GetProperty("sleep")[0];
        var truth = Truth.Json(Truth.On(OuraCatalog.Sleep, day, day).Single(p => p.Id == first.Str("id")));
        JsonNode.DeepEquals(JsonNode.Parse(first.GetRawText()), JsonNode.Parse(truth.GetRawText())).Should().BeTrue("a document goes out as Oura sent it");
    }

    [Fact]
    public async Task Fields_project_documents_onto_the_named_members_plus_id_and_day()
    {
        var first = To.AddDays(-1);
        var answer = (await _server.CallAsync("get_readiness", new { start_date = Format(first), end_date = Format(To), fields = new[] { "score" } })).Structured();

        var docs = answer.GetProperty("documents").GetProperty("daily_readiness").EnumerateArray().ToArray();
        var truth = Truth.On(OuraCatalog.DailyReadiness, first, To).ToList();
        docs.Should().HaveCount(truth.Count);
        docs[0].EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("score", "id", "day");
        docs.Select(d => d.Num("score")).Should().Equal(truth.Select(t => (double?)t.Score));
        _server.OuraRequests("daily_readiness").Single().Query["fields"].Split(',').Should().BeEquivalentTo("score", "id", "day");
    }

    [Fact]
    public async Task Readiness_carries_each_days_score_temperature_deviation_and_contributors()
    {
        var items = (await _server.CallAsync("get_readiness", TwoWeeks)).Items();

        var truth = Truth.On(OuraCatalog.DailyReadiness, From, To).ToList();
        items.Select(i => i.Str("day")).Should().Equal(truth.Select(t => Format(t.Day)));
        items.Select(i => i.Num("score")).Should().Equal(truth.Select(t => (double?)t.Score));
        items.Select(i => i.Num("temperature_deviation")).Should().Equal(truth.Select(t => Round(t.TemperatureDeviation, 2)));
        items.Select(i => i.GetProperty("contributors").Num("hrv_balance")).Should().Equal(truth.Select(t => (double?)t.Contributors.HrvBalance));
    }

    [Fact]
    public async Task Activity_carries_each_days_score_steps_and_activity_times()
    {
        var result = await _server.CallAsync("get_activity", TwoWeeks);
        var items = result.Items();

        var truth = Truth.On(OuraCatalog.DailyActivity, From, To).ToList();
        items.Select(i => i.Str("day")).Should().Equal(truth.Select(t => Format(t.Day)));
        items.Select(i => (i.Num("score"), i.Num("steps"), i.Num("high_activity_seconds"), i.Num("walking_distance_meters")))
            .Should().Equal(truth.Select(t => ((double?)t.Score, (double?)t.Steps, (double?)t.HighActivityTime, (double?)t.EquivalentWalkingDistance)));
        result.TextRows().Select(l => l["high_activity (h:mm)"]).Should().Equal(truth.Select(t => Durations.HoursMinutes(t.HighActivityTime)));
    }

    [Fact]
    public async Task Stress_resilience_spo2_cardiovascular_age_and_bedtime_follow_their_documents_day_by_day()
    {
        var stress = (await _server.CallAsync("get_stress", TwoWeeks)).Items();
        var resilience = (await _server.CallAsync("get_resilience", TwoWeeks)).Items();
        var spo2 = (await _server.CallAsync("get_spo2", TwoWeeks)).Items();
        var cardio = (await _server.CallAsync("get_cardiovascular_age", TwoWeeks)).Items();
        var bedtime = (await _server.CallAsync("get_sleep_time", TwoWeeks)).Items();

        stress.Select(i => (i.Str("day"), i.Str("summary"), i.Num("stress_high_seconds"), i.Num("recovery_high_seconds"))).Should().Equal(
            Truth.On(OuraCatalog.DailyStress, From, To).Select(t => ((string?)Format(t.Day), Text(t.DaySummary?.Value), (double?)t.StressHigh, (double?)t.RecoveryHigh)));
        resilience.Select(i => (i.Str("day"), i.Str("level"))).Should().Equal(
            Truth.On(OuraCatalog.DailyResilience, From, To).Select(t => ((string?)Format(t.Day), Text(t.Level.Value))));
        spo2.Select(i => (i.Str("day"), i.Num("average_spo2_percent"), i.Num("breathing_disturbance_index"))).Should().Equal(
            Truth.On(OuraCatalog.DailySpO2, From, To).Select(t => ((string?)Format(t.Day), Round(t.Spo2Percentage?.Average, 1), (double?)t.BreathingDisturbanceIndex)));
        cardio.Select(i => (i.Str("day"), i.Num("vascular_age"), i.Num("pulse_wave_velocity"))).Should().Equal(
            Truth.On(OuraCatalog.DailyCardiovascularAge, From, To).Select(t => ((string?)Format(t.Day), (double?)t.VascularAge, Round(t.PulseWaveVelocity, 2))));
        bedtime.Select(i => (i.Str("day"), i.Str("recommendation"), i.Str("status"))).Should().Equal(
            Truth.On(OuraCatalog.SleepTime, From, To).Select(t => ((string?)Format(t.Day), Text(t.Recommendation?.Value), Text(t.Status?.Value))));
        new[] { stress, resilience, spo2, cardio, bedtime }.Should().OnlyContain(a => a.Length > 0, "the demo person has every daily collection");
    }

    [Fact]
    public async Task Sparse_collections_answer_every_document_in_range_with_its_values()
    {
        var first = To.AddDays(-120);
        var args = new { start_date = Format(first), end_date = Format(To) };
        var workouts = (await _server.CallAsync("get_workouts", args)).Items();
        var sessions = (await _server.CallAsync("get_sessions", args)).Items();
        var vo2 = (await _server.CallAsync("get_vo2_max", args)).Items();
        var rest = (await _server.CallAsync("get_rest_mode_periods", args)).Items();

        var workoutTruth = Truth.On(OuraCatalog.Workout, first, To).ToList();
        workoutTruth.Should().NotBeEmpty();
        workouts.Select(w => (w.Str("id"), w.Str("activity"), w.Num("duration_seconds"), w.Num("calories"), w.Str("start"))).Should().Equal(
            workoutTruth.Select(t => ((string?)t.Id, Text(t.Activity), (double?)Durations.Seconds(t.StartDatetime, t.EndDatetime), Round(t.Calories, 0), (string?)Durations.LocalDateTime(t.StartDatetime))));
        sessions.Select(s => (s.Str("id"), s.Str("type"), s.Num("duration_seconds"))).Should().Equal(
            Truth.On(OuraCatalog.Session, first, To).Select(t => ((string?)t.Id, Text(t.Type.Value), (double?)Durations.Seconds(t.StartDatetime, t.EndDatetime))));
        vo2.Select(v => (v.Str("day"), v.Num("vo2_max"))).Should().Equal(
            Truth.On(OuraCatalog.VO2Max, first, To).Select(t => ((string?)Format(t.Day), (double?)t.Vo2Max)));
        rest.Select(r => r.Str("id")).Should().Equal(Truth.On(OuraCatalog.RestModePeriod, first, To).Select(t => (string?)t.Id));
    }

    [Fact]
    public async Task Tags_merge_tag_and_enhanced_tag_one_row_each_in_day_order()
    {
        var first = To.AddDays(-120);
        var rows = (await _server.CallAsync("get_tags", new { start_date = Format(first), end_date = Format(To) })).Items();

        var enhanced = Truth.On(OuraCatalog.EnhancedTag, first, To).ToList();
        var notes = Truth.On(OuraCatalog.Tag, first, To).ToList();
        (enhanced.Count + notes.Count).Should().BeGreaterThan(0, "the demo person tags things");
        rows.Select(r => (r.Str("kind"), r.Str("id"))).Should().BeEquivalentTo(
            enhanced.Select(t => ("enhanced_tag", t.Id)).Concat(notes.Select(t => ("tag", t.Id))));
        rows.Select(r => r.Str("day")).Should().BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Str("kind") == "enhanced_tag"))
        {
            var tag = enhanced.Single(t => t.Id == row.Str("id"));
            row.Str("name").Should().Be(Text(tag.CustomName) ?? Text(tag.TagTypeCode));
            row.Str("comment").Should().Be(Text(tag.Comment));
        }
    }

    [Fact]
    public async Task Hourly_heart_rate_buckets_count_min_mean_and_max_of_the_samples_in_each_local_hour()
    {
        var day = To.AddDays(-1);
        var buckets = (await _server.CallAsync("get_heart_rate", new { start_date = Format(day), end_date = Format(day), resolution = "hourly" })).Items();

        var zone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone);
        var expected = Truth.Of(OuraCatalog.HeartRate)
            .Select(s => (Local: TimeZoneInfo.ConvertTime(s.Timestamp, zone), s.Bpm))
            .Where(s => DateOnly.FromDateTime(s.Local.DateTime) == day)
            .GroupBy(s => new DateTimeOffset(s.Local.Year, s.Local.Month, s.Local.Day, s.Local.Hour, 0, 0, s.Local.Offset))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), (double?)g.Min(s => s.Bpm), Round(g.Average(s => s.Bpm), 1), (double?)g.Max(s => s.Bpm), (double?)g.Count()))
            .ToList();
        expected.Should().HaveCountGreaterThan(12);
        buckets.Select(b => (b.Str("time")!, b.Num("min"), b.Num("mean"), b.Num("max"), b.Num("count"))).Should().Equal(expected);
    }

    [Fact]
    public async Task Raw_heart_rate_between_instants_keeps_each_sample_and_its_source()
    {
        var start = new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.FromHours(2));
        var end = start.AddMinutes(30);
        var samples = (await _server.CallAsync("get_heart_rate", new
        {
            start_datetime = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            end_datetime = end.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            resolution = "raw",
        })).Items();

        var truth = Truth.Of(OuraCatalog.HeartRate).Where(s => s.Timestamp >= start && s.Timestamp < end).ToList();
        truth.Should().NotBeEmpty();
        samples.Select(s => (s.Num("bpm"), s.Str("source"))).Should().Equal(truth.Select(t => ((double?)t.Bpm, (string?)t.Source.Value)));
    }

    [Fact]
    public async Task Battery_latest_is_the_most_recent_reading()
    {
        var reading = (await _server.CallAsync("get_ring_battery", new { latest = true })).Items().Single();

        // The fake's person has the whole of its last day, so Oura's newest reading there may be later than "now".
        var latest = Truth.Of(OuraCatalog.RingBatteryLevel).MaxBy(b => b.Timestamp)!;
        reading.Num("level").Should().Be(latest.Level);
    }

    [Fact]
    public async Task Personal_info_is_the_persons_with_units_in_the_member_names()
    {
        var answer = (await _server.CallAsync("get_personal_info")).Structured();

        var person = ServerHarness.Person.PersonalInfo;
        answer.Num("age").Should().Be(person.Age);
        answer.Num("weight_kg").Should().Be(Round(person.Weight, 1));
        answer.Num("height_meters").Should().Be(Round(person.Height, 2));
    }

    [Fact]
    public async Task Ring_configuration_lists_every_ring()
    {
        var rings = (await _server.CallAsync("get_ring_configuration")).Items();

        var truth = Truth.Of(OuraCatalog.RingConfiguration).ToList();
        rings.Select(r => (r.Str("id"), r.Str("hardware_type"), r.Num("size"))).Should()
            .Equal(truth.Select(t => ((string?)t.Id, Text(t.HardwareType?.Value), (double?)t.Size)));
    }

    [Theory]
    [InlineData("workout")]
    [InlineData("sleep")]
    [InlineData("daily_readiness")]
    [InlineData("enhanced_tag")]
    public async Task Document_by_id_returns_exactly_the_document_with_that_id(string collectionName)
    {
        var collection = OuraCatalog.Find(collectionName)!;
        var truth = ServerHarness.Person.Documents(collection).Last(d => d.Day <= To);

        var answer = (await _server.CallAsync("get_document", new { collection = collectionName, id = truth.Id })).Structured();

        answer.Str("collection").Should().Be(collectionName);
        answer.Str("id").Should().Be(truth.Id);
        JsonNode.DeepEquals(JsonNode.Parse(answer.GetProperty("document").GetRawText()), JsonNode.Parse(Truth.Json(truth.Model).GetRawText()))
            .Should().BeTrue("the document goes out as Oura sent it");
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static double? Round(double? value, int digits) => value is { } v ? Numbers.Round(v, digits) : null;
}
