using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Http;

/// <summary>A real MCP client, the C# SDK's streamable HTTP transport, against the server process in demo mode.</summary>
public sealed class HttpClientTransportTests(DemoHttpServer server) : IClassFixture<DemoHttpServer>
{
    [Fact]
    public async Task The_sdk_client_lists_the_tools_and_calls_get_daily_summary_over_http()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
            Name = "oura-mcp-http-test",
        });
        await using var client = await McpClient.CreateAsync(transport);

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("get_daily_summary", new Dictionary<string, object?>());

        tools.Select(t => t.Name).Should().HaveCount(DefinedTools.Count).And.Contain("get_daily_summary");
        client.ServerInfo!.Name.Should().Be("oura-mcp");
        result.IsError.Should().NotBe(true, because: string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        result.StructuredContent.Should().NotBeNull();
        result.StructuredContent!.Value.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public async Task The_same_tool_selection_as_stdio_applies_over_http()
    {
        await using var narrowed = await HttpServerProcess.StartAsync("--demo", "--toolsets", "sleep,device", "--exclude-tools", "get_ring_battery");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = narrowed.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

        var tools = await client.ListToolsAsync();

        // The list CommandLineTests.Tools_honours_toolsets_and_exclusions expects from the same options.
        tools.Select(t => t.Name).Should().BeEquivalentTo("get_sleep", "get_sleep_series", "get_sleep_time", "get_rest_mode_periods", "get_ring_configuration");
    }
}
