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
        services => services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now)));

    [Fact]
    public void Every_file_in_the_prompts_folder_is_embedded_and_parses()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "prompts"), "*.md").Select(Path.GetFileNameWithoutExtension);

        PromptLibrary.Templates.Select(t => t.Name).Should().BeEquivalentTo(files, "each template is named after its file");
        PromptLibrary.Templates.Should().OnlyContain(t => t.Body.Contains("get_"), "every template steers the agent to tools");
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

    [Theory]
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

    [Fact]
    public void A_template_whose_body_uses_an_undeclared_argument_is_rejected_with_its_name()
    {
        var parse = () => PromptTemplate.Parse("prompts/broken.md", "---\nname: broken\ndescription: d\n---\nHello {{who}}");

        parse.Should().Throw<FormatException>().WithMessage("*broken.md*{{who}}*");
    }
}
