using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Charts;

/// <summary>The MCP App resource and the tools that point at it, seen through a real MCP client.</summary>
public sealed partial class ChartAppResourceTests
{
    public static readonly string[] ChartTools =
        ["get_daily_summary", "get_sleep", "get_sleep_series", "get_readiness", "get_activity", "get_heart_rate", "trend", "anomalies"];

    [Fact]
    public async Task The_chart_app_is_listed_and_read_as_one_self_contained_mcp_app_document()
    {
        await using var server = await ServerHarness.StartAsync();

        var listed = (await server.Client.ListResourcesAsync()).Should().ContainSingle(r => r.Uri == "ui://oura/chart").Subject;
        var read = await server.Client.ReadResourceAsync("ui://oura/chart");

        listed.ProtocolResource.MimeType.Should().Be("text/html;profile=mcp-app");
        var content = read.Contents.Should().ContainSingle().Subject.Should().BeOfType<TextResourceContents>().Subject;
        content.MimeType.Should().Be("text/html;profile=mcp-app");
        content.Uri.Should().Be("ui://oura/chart");
        read.CacheScope.Should().Be(CacheScope.Public, "the app is the same for everyone");
        content.Text.Should().StartWith("<!doctype html>").And.Contain("<script>").And.Contain("<style>");
        ExternalLoad().Matches(content.Text).Select(m => m.Value).Should().BeEmpty("the host's default CSP blocks every external load");
        server.OuraRequests().Should().BeEmpty("the app is nobody's data");
    }

    [Fact]
    public async Task Chart_capable_tools_point_at_the_app_with_both_keys_and_no_other_tool_does()
    {
        await using var server = await ServerHarness.StartAsync();

        var tools = await server.Client.ListToolsAsync();

        var pointing = tools.Where(t => t.ProtocolTool.Meta is not null).ToList();
        pointing.Select(t => t.Name).Should().BeEquivalentTo(ChartTools);
        foreach (var tool in pointing)
        {
            tool.ProtocolTool.Meta!["ui"]!["resourceUri"]!.GetValue<string>().Should().Be("ui://oura/chart", tool.Name);
            tool.ProtocolTool.Meta["ui/resourceUri"]!.GetValue<string>().Should().Be("ui://oura/chart", tool.Name);
        }
    }

    [Fact]
    public async Task A_chart_capable_tool_still_answers_its_table_for_clients_without_apps()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("get_daily_summary");

        result.Structured().GetProperty("columns").GetArrayLength().Should().BeGreaterThan(1);
        result.Content.Should().ContainSingle().Which.Should().BeOfType<TextContentBlock>();
    }

    // src/href pointing anywhere, CSS imports and url(), fetches: anything that would leave the document.
    [GeneratedRegex(@"\b(src|href)\s*=|@import|url\(|\bfetch\(|XMLHttpRequest|https?://(?!www\.w3\.org/2000/svg)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalLoad();
}
