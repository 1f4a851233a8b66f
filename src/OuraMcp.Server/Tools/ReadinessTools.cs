using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Readiness and resilience.</summary>
[McpServerToolType]
[Toolset(Toolsets.Readiness)]
public sealed class ReadinessTools(ToolRunner runner)
{
    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "get_readiness", Title = "Readiness", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<ReadinessDay>))]
    [Description("Daily readiness: how recovered the person is, per day: score 1-100, its contributors (each 1-100: previous night, sleep balance, HRV balance, resting heart rate, body temperature, activity balance, recovery index, ...) and body temperature deviation from baseline in °C. Use for 'am I ready to train', 'why is my readiness low', fever or illness hints.")]
    [ReadsCollections("daily_readiness")]
    public Task<CallToolResult> GetReadiness(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, ReadinessViews.Readiness, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_resilience", Title = "Resilience", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<ResilienceDay>))]
    [Description("Daily resilience: the person's capacity to withstand stress over recent weeks, per day: level (limited, adequate, solid, strong, exceptional) and contributors sleep_recovery, daytime_recovery and stress (each 0-100). Use for long-term stress and recovery balance.")]
    [ReadsCollections("daily_resilience")]
    public Task<CallToolResult> GetResilience(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, ReadinessViews.Resilience, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);
}
