using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>The overview most questions start from.</summary>
[McpServerToolType]
[Toolset(Toolsets.Summary)]
public sealed class SummaryTools(ToolRunner runner)
{
    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "get_daily_summary", Title = "Daily summary", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<DaySummary>))]
    [Description("The best first call for 'how was my day/week': one row per day with sleep score, readiness score, activity score (each 1-100), steps, stress summary (restored/normal/stressful) and resilience level side by side; a value Oura has not computed is null. Then use get_sleep, get_readiness, get_activity etc. for the details behind a number.")]
    [ReadsCollections("daily_sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience")]
    public Task<CallToolResult> GetDailySummary(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, SummaryView.Daily, new DayArgs(start_date, end_date, detail, null, cursor), cancellationToken);
}
