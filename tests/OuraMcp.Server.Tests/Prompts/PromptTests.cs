using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Prompts;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Prompts;

/// <summary>The templates in prompts/, served as MCP prompts through a real client.</summary>
public sealed class PromptTests
{
    // 21:30 UTC on 5 March is already 6 March in Helsinki: "today" must be the person's day, not UTC's.
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 22, 30, 0, TimeSpan.Zero);

    private static Task<InProcessServer> StartAsync() => InProcessServer.StartAsync(
        new ServerSettings { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki") },
        services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));

    [Fact]
    public void Every_file_in_the_prompts_folder_is_embedded_and_parses()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "prompts"), "*.md").Select(Path.GetFileNameWithoutExtension);

        PromptLibrary.EmbeddedTemplates.Select(t => t.Name).Should().BeEquivalentTo(files, "each template is named after its file");
        PromptLibrary.EmbeddedTemplates.Should().OnlyContain(t => t.Body.Contains("get_"), "every template steers the agent to tools");
    }

    [Fact]
    public async Task Every_tool_a_prompt_names_is_a_tool_the_server_serves()
    {
        await using var server = await StartAsync();
        var served = (await server.Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        // In a template, a backticked word without a dot is a tool (`get_sleep`, `trend`); metrics have dots (`readiness.score`).
        foreach (var template in PromptLibrary.EmbeddedTemplates)
        {
            var named = System.Text.RegularExpressions.Regex.Matches(template.Body, "`([a-z][a-z0-9_]*)`").Select(m => m.Groups[1].Value).ToList();
            named.Should().NotBeEmpty(template.Name);
            named.Should().OnlyContain(n => served.Contains(n), $"{template.Name} names only tools that exist");
        }
    }

    [Fact]
    public async Task Prompts_are_listed_with_their_arguments()
    {
        await using var server = await StartAsync();

        var prompts = await server.Client.ListPromptsAsync();

        prompts.Select(p => p.Name).Should().Contain(["daily_check_in", "weekly_review", "sleep_deep_dive", "training_readiness"]);
        var deepDive = prompts.Single(p => p.Name == "sleep_deep_dive").ProtocolPrompt;
        deepDive.Arguments!.Single(a => a.Name == "start_date").Required.Should().BeTrue();
        deepDive.Arguments!.Single(a => a.Name == "end_date").Required.Should().BeFalse();
    }

    [Fact]
    public async Task A_prompt_fills_in_its_arguments_and_defaults_today_to_the_persons_day()
    {
        await using var server = await StartAsync();

        var result = await server.Client.GetPromptAsync("sleep_deep_dive", new Dictionary<string, object?> { ["start_date"] = "2026-02-20" });

        var text = result.Messages.Single().Content.Should().BeOfType<TextContentBlock>().Subject.Text;
        text.Should().Contain("from 2026-02-20 to 2026-03-06").And.Contain("start_date=2026-02-20, end_date=2026-03-06").And.NotContain("{{");
        result.Messages.Single().Role.Should().Be(Role.User);
    }

    [Fact]
    public async Task Relative_and_whole_number_defaults_are_filled_in_for_the_persons_day()
    {
        await using var server = await StartAsync();

        var tag = await server.Client.GetPromptAsync("tag_effect", new Dictionary<string, object?> { ["tag"] = "late meal" });
        var load = await server.Client.GetPromptAsync("training_load");

        Text(tag).Should().Contain("between 2025-09-07 and 2026-03-06", "180 days before the person's today, 6 March in Helsinki");
        Text(load).Should().Contain("over the 8 weeks ending 2026-03-06");
    }

    [Theory]
    [InlineData("training_load", "weeks", "52", "'weeks' must be a whole number from 2 to 26, not '52'")]
    [InlineData("training_load", "weeks", "two", "'weeks' must be a whole number from 2 to 26")]
    [InlineData("sleep_deep_dive", "start_date", "2026-02-30", "must be a date as yyyy-MM-dd")]
    [InlineData("sleep_deep_dive", "end_date", "2026-03-01", "needs 'start_date'")]
    [InlineData("weekly_review", "week", "2026-03-01", "has no argument 'week'")]
    [InlineData("no_such_prompt", "day", "2026-03-01", "No prompt named 'no_such_prompt'")]
    public async Task A_bad_prompt_request_says_what_to_send(string name, string argument, string value, string expected)
    {
        await using var server = await StartAsync();

        var get = async () => await server.Client.GetPromptAsync(name, new Dictionary<string, object?> { [argument] = value });

        (await get.Should().ThrowAsync<McpProtocolException>()).Which.Message.Should().Contain(expected);
        (await server.Client.ListPromptsAsync()).Should().NotBeEmpty("the server is still up");
    }

    [Theory]
    [InlineData("arguments:\n  - name: n\n    format: integer\n    description: d", "needs a minimum and a maximum")]
    [InlineData("arguments:\n  - name: n\n    description: \"\"", "needs a description")]
    [InlineData("arguments:\n  - name: n\n    format: time\n    description: d", "formats are date and integer")]
    [InlineData("arguments:\n  - name: d\n    format: date\n    default: soon\n    description: d", "default of 'd' is not valid")]
    [InlineData("arguments:\n  - name: n\n    descripton: d", "'descripton' is not a key of an argument")]
    [InlineData("arguments:\n  - name: n\n    format: integer\n    minimum: one\n    maximum: 5\n    description: d", "'minimum' is a whole number")]
    public void A_template_whose_arguments_cannot_work_is_rejected_saying_why(string arguments, string expected)
    {
        var parse = () => PromptTemplate.Parse("prompts/broken.md", $"---\nname: broken\ndescription: d\n{arguments}\n---\nHello");

        parse.Should().Throw<FormatException>().WithMessage($"*broken.md*{expected}*");
    }

    [Fact]
    public async Task A_malformed_file_in_the_prompts_folder_is_named_at_start_and_skipped_and_the_rest_are_served()
    {
        var folder = Directory.CreateTempSubdirectory("oura-prompts-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "bedtime_story.md"),
                "---\nname: bedtime_story\ndescription: A calm summary of last night.\n---\nCall `get_sleep` for last night.");
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.md"), "no front matter here");
            var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var info = ServerProcess.StartInfo("--demo");
            var transport = new ModelContextProtocol.Client.StdioClientTransport(new()
            {
                Command = info.FileName,
                Arguments = [.. info.ArgumentList],
                EnvironmentVariables = new Dictionary<string, string?> { ["OURA_MCP_PROMPTS"] = folder, ["OURA_ACCESS_TOKEN"] = null },
                StandardErrorLines = stderr.Enqueue,
            });
            await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport);

            // Named before any prompt is asked for: at start, not on first use.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!stderr.Any(l => l.Contains("broken.md")) && DateTime.UtcNow < deadline) await Task.Delay(20);
            stderr.Should().Contain(l => l.Contains("broken.md") && l.Contains("starts with YAML front matter"), "the file is named with the reason at start");

            var prompts = (await client.ListPromptsAsync()).Select(p => p.Name).ToList();
            prompts.Should().Contain(["bedtime_story", "daily_check_in"]).And.NotContain("broken");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Text(GetPromptResult result) => result.Messages.Single().Content.Should().BeOfType<TextContentBlock>().Subject.Text;

    [Fact]
    public void A_template_whose_body_uses_an_undeclared_argument_is_rejected_with_its_name()
    {
        var parse = () => PromptTemplate.Parse("prompts/broken.md", "---\nname: broken\ndescription: d\n---\nHello {{who}}");

        parse.Should().Throw<FormatException>().WithMessage("*broken.md*{{who}}*");
    }
}
