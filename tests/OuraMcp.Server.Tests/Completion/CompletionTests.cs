using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Completion;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Completion;

/// <summary><c>completion/complete</c> through a real client, for the demo person whose today is <see cref="ServerHarness.Today"/>.</summary>
public sealed class CompletionTests
{
    private static PromptReference Prompt(string name) => new() { Name = name };

    private static ResourceTemplateReference Template(string uri) => new() { Uri = uri };

    [Fact]
    public async Task A_date_argument_of_a_prompt_completes_with_the_persons_recent_days_most_recent_first()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = (await server.Client.CompleteAsync(Prompt("sleep_deep_dive"), "start_date", "2026-03")).Completion;

        result.Values.Should().Equal("2026-03-05", "2026-03-04", "2026-03-03", "2026-03-02", "2026-03-01");
        (result.Total, result.HasMore).Should().Be((5, false));
    }

    [Fact]
    public async Task A_whole_number_argument_completes_within_its_range()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = (await server.Client.CompleteAsync(Prompt("training_load"), "weeks", "1")).Completion;

        result.Values.Should().Equal("10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
    }

    [Fact]
    public async Task A_tag_argument_completes_with_the_tags_the_person_used_in_the_last_90_days()
    {
        await using var server = await ServerHarness.StartAsync();
        var first = ServerHarness.Today.AddDays(-(RecentTagNames.DaysBack - 1));
        var expected = Truth.On(OuraCatalog.EnhancedTag, first, ServerHarness.Today).Select(t => t.CustomName ?? t.TagTypeCode)
            .Concat(Truth.On(OuraCatalog.Tag, first, ServerHarness.Today).SelectMany(t => t.Tags))
            .OfType<string>().Select(OuraMcp.Server.Views.TagNames.Readable).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var all = (await server.Client.CompleteAsync(Prompt("tag_effect"), "tag", "")).Completion;
        var late = (await server.Client.CompleteAsync(Prompt("tag_effect"), "tag", "LATE")).Completion;

        expected.Should().Contain("late meal", "the demo person logs late meals");
        all.Values.Should().BeEquivalentTo(expected);
        late.Values.Should().Equal("late meal");
        server.OuraRequests("enhanced_tag").Should().HaveCount(1, "the second keystroke reuses the names read for the first");
    }

    [Fact]
    public async Task A_collection_argument_completes_with_the_catalogs_dated_collections()
    {
        await using var server = await ServerHarness.StartAsync();

        var daily = (await server.Client.CompleteAsync(Template("oura://{collection}/{date}"), "collection", "daily_s")).Completion;
        var all = (await server.Client.CompleteAsync(Template("oura://{collection}/{start}/{end}"), "collection", "")).Completion;

        daily.Values.Should().Equal("daily_sleep", "daily_spo2", "daily_stress");
        all.Values.Should().BeEquivalentTo(OuraCatalog.All.Where(c => c.Range != RangeKind.None).Select(c => c.Name));
        all.Values.Should().NotContain(["personal_info", "ring_configuration"], "they have no days: oura://profile and oura://rings");
    }

    [Fact]
    public async Task A_date_of_a_template_offers_at_most_100_days_and_says_there_are_more()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = (await server.Client.CompleteAsync(Template("oura://day/{date}"), "date", "")).Completion;

        result.Values.Should().HaveCount(100);
        result.Values[0].Should().Be("2026-03-05");
        result.Values[99].Should().Be(ServerHarness.Today.AddDays(-99).ToString("yyyy-MM-dd"));
        (result.Total, result.HasMore).Should().Be((DayCandidates.DaysBack, true));
    }

    [Fact]
    public async Task With_a_history_a_date_offers_the_days_that_have_stored_data_of_the_collection_beyond_the_recent_ones()
    {
        await using var server = await ServerHarness.StartAsync();
        // The demo person's data starts 400 days back; recent days reach back 366: February 2025 is older.
        var first = ServerHarness.Today.AddDays(-(DayCandidates.DaysBack - 1));
        var stored = Truth.Documents(OuraCatalog.DailySleep, new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 28))
            .Select(d => d.Day).Distinct().OrderDescending().Select(d => d.ToString("yyyy-MM-dd")).ToList();
        stored.Should().NotBeEmpty().And.OnlyContain(d => string.CompareOrdinal(d, first.ToString("yyyy-MM-dd")) < 0);
        var sleepDate = new CompleteRequestParams
        {
            Ref = Template("oura://{collection}/{date}"),
            Argument = new Argument { Name = "date", Value = "2025-02" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["collection"] = "daily_sleep" } },
        };
        (await server.Client.CompleteAsync(sleepDate)).Completion.Values.Should().BeEmpty("without a history only recent days are offered");

        var synced = await server.CallAsync("sync_history", new { since = "2025-02-01", collections = "daily_sleep" });
        synced.IsError.Should().NotBe(true, synced.Text());
        var sleep = (await server.Client.CompleteAsync(sleepDate)).Completion;
        var day = (await server.Client.CompleteAsync(Template("oura://day/{date}"), "date", "2025-02")).Completion;
        var prompt = (await server.Client.CompleteAsync(Prompt("sleep_deep_dive"), "start_date", "2025-02")).Completion;
        var readiness = (await server.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = Template("oura://{collection}/{start}/{end}"),
            Argument = new Argument { Name = "start", Value = "2025-02" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["collection"] = "daily_readiness" } },
        })).Completion;
        var all = (await server.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = sleepDate.Ref, Argument = new Argument { Name = "date", Value = "" }, Context = sleepDate.Context,
        })).Completion;
        var everyStored = Truth.Documents(OuraCatalog.DailySleep, new DateOnly(2025, 2, 1), ServerHarness.Today)
            .Select(d => d.Day).Distinct().OrderDescending().ToList();

        sleep.Values.Should().Equal(stored, "the stored days of daily_sleep, most recent first");
        day.Values.Should().Equal(stored, "a whole day has data when its sleep does");
        prompt.Values.Should().Equal(stored);
        readiness.Values.Should().BeEmpty("no readiness was stored");
        all.Values.Should().Equal(everyStored.Take(Completions.MaxValues).Select(d => d.ToString("yyyy-MM-dd")), "the days with data come first, most recent first");
        all.Total.Should().Be(DayCandidates.DaysBack + everyStored.Count(d => d < first), "then the recent days without data, each day once");
    }

    [Fact]
    public async Task With_a_history_an_end_offers_the_days_after_the_start_that_have_stored_data_first()
    {
        await using var server = await ServerHarness.StartAsync();
        var start = ServerHarness.Today.AddDays(-30);
        var synced = await server.CallAsync("sync_history", new { since = start.ToString("yyyy-MM-dd"), collections = "workout" });
        synced.IsError.Should().NotBe(true, synced.Text());

        var end = (await server.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = Template("oura://{collection}/{start}/{end}"),
            Argument = new Argument { Name = "end", Value = "" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["collection"] = "workout", ["start"] = start.ToString("yyyy-MM-dd") } },
        })).Completion;

        var window = Enumerable.Range(0, ResourceAddress.MaxDays).Select(i => ServerHarness.Today.AddDays(-i)).ToList();
        var workoutDays = Truth.Documents(OuraCatalog.Workout, start, ServerHarness.Today).Select(d => d.Day).Distinct().OrderDescending().ToList();
        workoutDays.Should().NotBeEmpty().And.HaveCountLessThan(window.Count, "the demo person rests on some days");
        end.Values.Should().Equal(workoutDays.Concat(window.Except(workoutDays)).Select(d => d.ToString("yyyy-MM-dd")),
            "the window's days with a stored workout come first, then its other days, each most recent first");
    }

    [Fact]
    public async Task A_prompt_end_date_completes_from_the_start_date_already_chosen()
    {
        await using var server = await ServerHarness.StartAsync();
        var start = ServerHarness.Today.AddDays(-5);

        var end = (await server.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = Prompt("sleep_deep_dive"),
            Argument = new Argument { Name = "end_date", Value = "" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["start_date"] = start.ToString("yyyy-MM-dd") } },
        })).Completion;
        var withoutStart = (await server.Client.CompleteAsync(Prompt("sleep_deep_dive"), "end_date", "")).Completion;

        end.Values.Should().Equal(Enumerable.Range(0, 6).Select(i => ServerHarness.Today.AddDays(-i).ToString("yyyy-MM-dd")), "today back to the start");
        withoutStart.Total.Should().Be(DayCandidates.DaysBack, "without a start, the recent days");
    }

    [Theory]
    [InlineData("daily_sleep", "2026-03-03", 31)]
    [InlineData("heartrate", "2026-02-01", 1)]
    public async Task An_end_completes_from_the_start_already_chosen_within_the_longest_read(string collection, string last, int count)
    {
        await using var server = await ServerHarness.StartAsync();

        var result = (await server.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = Template("oura://{collection}/{start}/{end}"),
            Argument = new Argument { Name = "end", Value = "" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["collection"] = collection, ["start"] = "2026-02-01" } },
        })).Completion;

        result.Values.Should().HaveCount(count);
        result.Values[0].Should().Be(last);
        result.Values[^1].Should().Be("2026-02-01");
    }

    [Theory]
    [InlineData("prompt", "no_such_prompt", "day")]
    [InlineData("prompt", "tag_effect", "no_such_argument")]
    [InlineData("prompt", "daily_check_in", "note")]
    [InlineData("template", "oura://{nothing}/{x}", "x")]
    [InlineData("template", "oura://day/{date}", "collection")]
    public async Task An_unknown_reference_or_argument_gets_an_empty_list(string kind, string name, string argument)
    {
        await using var server = await ServerHarness.StartAsync();
        Reference reference = kind == "prompt" ? Prompt(name) : Template(name);

        var result = (await server.Client.CompleteAsync(reference, argument, "")).Completion;

        result.Values.Should().BeEmpty();
        (result.Total, result.HasMore).Should().Be((0, false));
    }
}
