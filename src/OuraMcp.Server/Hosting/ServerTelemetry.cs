using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// Tool calls and sign-ins, on the activity source and meter "OuraMcp.Server" (System.Diagnostics only: the hosted
/// endpoint's OpenTelemetry export collects them, stdio nobody). Tagged with tool names and outcomes, never a person,
/// an argument or a token.
/// </summary>
internal static class ServerTelemetry
{
    public const string Name = "OuraMcp.Server";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Tool calls, tagged "gen_ai.tool.name" and "outcome" = "ok", "error" (an isError answer) or the exception's type.</summary>
    public static readonly Histogram<double> ToolCallDuration = Meter.CreateHistogram<double>("oura_mcp.tool.duration", unit: "s", description: "Tool calls, from arguments to answer");

    /// <summary>People signing in to Oura through the hosted endpoint, tagged "outcome" = "ok" or "failed".</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("oura_mcp.sign_ins", description: "Sign-ins to Oura through the hosted endpoint");

    /// <summary>The span of a tool call, named as OpenTelemetry's GenAI conventions name tool executions.</summary>
    public static Activity? StartToolCall(string tool) =>
        Source.StartActivity("execute_tool " + tool)?.SetTag("gen_ai.operation.name", "execute_tool").SetTag("gen_ai.tool.name", tool);
}
