using System.Text.Json;
using Microsoft.Playwright;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Charts;

/// <summary>
/// The chart app in real headless Chromium, in a sandboxed iframe of a small host page that speaks the MCP Apps
/// protocol (answers <c>ui/initialize</c>, then sends the tool input and a real tool result obtained from the server
/// through an MCP client). Screenshots are kept with the test output (<see cref="HeadlessChromium.ScreenshotPath"/>).
/// </summary>
public sealed class ChartAppBrowserTests
{
    // The host: records what the app sends, answers its requests, and hands it the tool call once it is initialized.
    private const string HostPage = """
        <!doctype html><html><body style="margin:0">
        <iframe id="app" sandbox="allow-scripts" style="width:760px;height:520px;border:0"></iframe>
        <script>
        window.received = [];
        function start(html, tool, input, result) {
          const frame = document.getElementById("app");
          window.addEventListener("message", e => {
            if (e.source !== frame.contentWindow) return;
            const m = e.data; window.received.push(m);
            const reply = x => frame.contentWindow.postMessage(x, "*");
            if (m.method === "ui/initialize") reply({ jsonrpc: "2.0", id: m.id, result: {
              protocolVersion: m.params.protocolVersion, hostInfo: { name: "test-host", version: "1" }, hostCapabilities: {},
              hostContext: { toolInfo: { tool }, theme: "light", displayMode: "inline", locale: "en-GB", timeZone: "Europe/Helsinki" } } });
            if (m.method === "ui/notifications/initialized") {
              reply({ jsonrpc: "2.0", method: "ui/notifications/tool-input", params: { arguments: input } });
              reply({ jsonrpc: "2.0", method: "ui/notifications/tool-result", params: result });
            }
          });
          frame.srcdoc = html;
        }
        </script></body></html>
        """;

    [ChromiumFact]
    public async Task Heart_rate_is_drawn_point_by_point_with_time_labels_and_a_legend()
    {
        var (tool, html, result) = await AppAndResultAsync("get_heart_rate", new { });
        var means = Column(result, "mean").Count(v => v.ValueKind == JsonValueKind.Number);

        var chart = await DrawAsync(tool, html, new { }, result, "heart-rate");

        chart.Points.Should().Be(means);
        chart.Points.Should().BeGreaterThan(20);
        chart.XLabels.Should().NotBeEmpty().And.OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(\d\d:\d\d|\d\d-\d\d)$"));
        chart.YLabels.Should().HaveCountGreaterThanOrEqualTo(3);
        chart.Legend.Should().Equal("mean");
        chart.Title.Should().Be("Heart rate: mean", "the host names the tool in its context");
        chart.AxisTitle.Should().Be("Local time (Europe/Helsinki)");
        chart.Label.Should().Contain($"{means} points");
        chart.Received.Should().Contain(["ui/initialize", "ui/notifications/initialized"]);
    }

    [ChromiumFact]
    public async Task A_nights_sleep_series_is_heart_rate_and_hrv_over_a_hypnogram()
    {
        var night = ServerHarness.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var args = new { start_date = night, end_date = night, resolution = "raw" };
        var (tool, html, result) = await AppAndResultAsync("get_sleep_series", args);
        var values = Column(result, "heart_rate").Concat(Column(result, "hrv")).Count(v => v.ValueKind == JsonValueKind.Number);
        var stages = Column(result, "stage").Count(v => v.ValueKind == JsonValueKind.String);

        var chart = await DrawAsync(tool, html, args, result, "sleep-series");

        chart.Points.Should().Be(values);
        chart.Stages.Should().Be(stages).And.BeGreaterThan(50);
        chart.Legend.Should().Equal("heart_rate", "hrv");
        chart.Label.Should().Contain("hypnogram");
    }

    [ChromiumFact]
    public async Task A_week_of_scores_is_one_point_per_day_and_score()
    {
        var (tool, html, result) = await AppAndResultAsync("get_daily_summary", new { });
        var scores = new[] { "sleep_score", "readiness_score", "activity_score" }
            .Sum(c => Column(result, c).Count(v => v.ValueKind == JsonValueKind.Number));

        var chart = await DrawAsync(tool, html, new { }, result, "daily-summary");

        chart.Points.Should().Be(scores).And.BeGreaterThan(14);
        chart.Legend.Should().Equal("sleep_score", "readiness_score", "activity_score");
        chart.XLabels.Should().HaveCount(7, "one label per day of the week");
        chart.AxisTitle.Should().Be("Day (Europe/Helsinki)");
    }

    [ChromiumFact]
    public async Task Unusual_days_are_drawn_one_point_each()
    {
        var args = new { metric = "readiness.temperature_deviation", start_date = "2025-12-06", end_date = "2026-03-05" };
        var (tool, html, result) = await AppAndResultAsync("anomalies", args);
        var anomalies = result.Structured().GetProperty("anomalies").GetArrayLength();

        var chart = await DrawAsync(tool, html, args, result, "anomalies");

        anomalies.Should().BeGreaterThan(0, "the demo person has unusual days to draw");
        chart.Points.Should().Be(anomalies);
        chart.Label.Should().Contain("outside the median");
    }

    private sealed record Drawn(string Title, int Points, int Stages, string[] XLabels, string[] YLabels, string[] Legend, string AxisTitle, string Label, string[] Received);

    /// <summary>The app's HTML and a tool's result, both from the real server through an MCP client.</summary>
    private static async Task<(Tool Tool, string Html, CallToolResult Result)> AppAndResultAsync(string tool, object arguments)
    {
        await using var server = await ServerHarness.StartAsync();
        var listed = (await server.Client.ListToolsAsync()).Single(t => t.Name == tool).ProtocolTool;
        var html = ((TextResourceContents)(await server.Client.ReadResourceAsync("ui://oura/chart")).Contents.Single()).Text;
        return (listed, html, await server.CallAsync(tool, arguments));
    }

    private static async Task<Drawn> DrawAsync(Tool tool, string html, object arguments, CallToolResult result, string screenshot)
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 780, Height = 540 } });
            await page.SetContentAsync(HostPage);
            var json = JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions);
            var listed = JsonSerializer.Serialize(tool, McpJsonUtilities.DefaultOptions);
            await page.EvaluateAsync("([html, tool, input, result]) => start(html, JSON.parse(tool), input, JSON.parse(result))", new object[] { html, listed, arguments, json });
            var app = page.FrameLocator("#app");
            await app.Locator("svg[role=img]").WaitForAsync(new() { Timeout = 15_000 });
            await page.ScreenshotAsync(new() { Path = HeadlessChromium.ScreenshotPath("chart-app-" + screenshot) });
            var svg = app.Locator("svg[role=img]");
            return new Drawn(
                await svg.Locator("text.title").TextContentAsync() ?? "",
                await svg.Locator("circle.pt").CountAsync(),
                await svg.Locator("rect.stage").CountAsync(),
                [.. await svg.Locator("text.xtick").AllTextContentsAsync()],
                [.. await svg.Locator("text.ytick").AllTextContentsAsync()],
                [.. await svg.Locator("g.legend text").AllTextContentsAsync()],
                await svg.Locator("text.axis-title").TextContentAsync() ?? "",
                await svg.GetAttributeAsync("aria-label") ?? "",
                await page.EvaluateAsync<string[]>("() => window.received.map(m => m.method)"));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static IEnumerable<JsonElement> Column(CallToolResult result, string name)
    {
        var answer = result.Structured();
        var index = answer.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf(name);
        index.Should().BeGreaterThanOrEqualTo(0, $"the answer has a {name} column");
        return answer.GetProperty("rows").EnumerateArray().Select(r => r[index]);
    }
}
