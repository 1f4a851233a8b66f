using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Daily activity, workouts and sessions.</summary>
[McpServerToolType]
[Toolset(Toolsets.Activity)]
public sealed class ActivityTools(ToolRunner runner)
{
    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "get_activity", Title = "Activity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<ActivityDay>))]
    [Description("Daily activity (a day runs 04:00-04:00 local): activity score 1-100 with contributors, steps, active and total energy (kcal), equivalent walking distance (meters), time in high/medium/low activity, sedentary and non-wear (seconds; h:mm in the text), inactivity alerts. Use for steps, calories and movement questions.")]
    [ReadsCollections("daily_activity")]
    public Task<CallToolResult> GetActivity(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, ActivityViews.Activity, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_workouts", Title = "Workouts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WorkoutRow>))]
    [Description("Workouts, one row each: activity (e.g. running), label, intensity (easy/moderate/hard), source (manual, autodetected, ...), local start and end, duration (seconds; h:mm in the text), energy (kcal) and distance (meters). Use for exercise history.")]
    [ReadsCollections("workout")]
    public Task<CallToolResult> GetWorkouts(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, ActivityViews.Workouts, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_sessions", Title = "Sessions", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<SessionRow>))]
    [Description("Sessions recorded in the Oura app (meditation, breathing, relaxation, nap, rest, body status), one row each: type, mood, local start and end, duration (seconds; h:mm in the text), mean heart rate (bpm) and mean HRV (ms) during the session.")]
    [ReadsCollections("session")]
    public Task<CallToolResult> GetSessions(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, ActivityViews.Sessions, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);
}
