using System.Net;
using System.Text;
using OuraMcp.Server.Tests.Http.OAuth;
using OuraMcp.Testing;
using OuraMcp.Testing.Otlp;

namespace OuraMcp.Server.Tests.Http.Telemetry;

/// <summary>
/// The hosted server with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set sends its traces and metrics over OTLP/HTTP
/// (protobuf) to a collector: here a receiver in the test, read field by field. A person signs in through the real
/// OAuth dance and makes a tool call; the server is then stopped as a service manager stops it, which flushes.
/// </summary>
public sealed class OpenTelemetryExportTests(OpenTelemetryExportTests.CollectedServer fixture) : IClassFixture<OpenTelemetryExportTests.CollectedServer>
{
    [Fact]
    public async Task A_sign_in_a_tool_call_and_its_call_to_Oura_arrive_as_spans_and_metrics_with_no_secret()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, access, refresh) = await browser.ConnectAsync();
        SecretScan.Register("access token", access);
        SecretScan.Register("refresh token", refresh);
        using (var call = await browser.McpAsync(access, """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}"""))
        {
            call.StatusCode.Should().Be(HttpStatusCode.OK);
            (await McpHttp.MessageAsync(call)).GetProperty("result").TryGetProperty("isError", out _).Should().BeFalse();
        }

        await fixture.Server.TerminateAsync();

        var spans = fixture.Collector.Bodies("/v1/traces").SelectMany(OtlpMessages.Spans).ToList();
        var tool = spans.Should().ContainSingle(s => s.Name == "execute_tool get_personal_info").Subject;
        tool.Scope.Should().Be("OuraMcp.Server");
        Ancestors(tool, spans).Should().Contain(s => s.Scope == "Microsoft.AspNetCore", "the tool call is part of the request to /mcp");
        var upstream = spans.Where(s => s.Name == "oura.request" && Ancestors(s, spans).Contains(tool)).ToList();
        upstream.Should().NotBeEmpty("the tool's call to Oura is a child of the tool call");
        spans.Should().Contain(s => s.Scope == "System.Net.Http" && upstream.Any(u => u.SpanId == s.ParentSpanId), "each attempt is an HTTP client span under the request");
        spans.Should().Contain(s => s.Name == "oura.sign_in" && s.Scope == "OuraMcp.Server");

        var metrics = fixture.Collector.Bodies("/v1/metrics").SelectMany(OtlpMessages.MetricNames).ToHashSet();
        metrics.Should().Contain(["oura_mcp.tool.duration", "oura_mcp.sign_ins", "oura.client.request.duration", "oura.client.attempts", "http.server.request.duration"]);

        // Everything that went out, read as text: no token, code or secret in a name, an attribute or a URL.
        foreach (var body in fixture.Collector.Bodies("/v1/traces").Concat(fixture.Collector.Bodies("/v1/metrics")))
            SecretScan.ShouldBeClean("the OTLP export", Encoding.Latin1.GetString(body));
    }

    private static List<OtlpSpan> Ancestors(OtlpSpan span, IReadOnlyList<OtlpSpan> all)
    {
        var chain = new List<OtlpSpan>();
        for (var parent = all.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = all.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
            chain.Add(parent);
        return chain;
    }

    /// <summary>The OAuth server process with its OTLP exporter pointed at a receiver on loopback, exporting within a second.</summary>
    public sealed class CollectedServer : OAuthServerFixture
    {
        public OtlpReceiver Collector { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> MoreEnvironment => new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.BaseAddress.AbsoluteUri.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };

        public override async Task InitializeAsync()
        {
            Collector = await OtlpReceiver.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Collector.DisposeAsync();
        }
    }
}
