using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Nights, naps and bedtime guidance.</summary>
[McpServerToolType]
[Toolset(Toolsets.Sleep)]
public sealed class SleepTools(ToolRunner runner)
{
    [McpServerTool(Name = "get_sleep", Title = "Sleep", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<SleepNight>))]
    [Description("Sleep per night (the day is the morning the person woke up): sleep score 1-100 with contributors, and the main sleep period: bedtime and wake time (local HH:mm), total sleep, time in bed, deep/REM/light/awake durations (seconds; h:mm in the text), efficiency (%), latency (s), lowest and average heart rate (bpm), average HRV (ms), breathing rate (per minute). Naps and rests are counted, or listed with include_naps=true. fields projects Oura's sleep period documents (e.g. [\"day\",\"average_hrv\"]). Use for 'how did I sleep'.")]
    [ReadsCollections("daily_sleep", "sleep")]
    public Task<CallToolResult> GetSleep(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description("true lists naps and other sleep periods of each day compactly, besides the main sleep.")] bool include_naps = false,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, SleepViews.Nights(include_naps), new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_sleep_time", Title = "Bedtime guidance", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<SleepTimeDay>))]
    [Description("Oura's bedtime guidance per day: the optimal bedtime window (local HH:mm), the recommendation (e.g. earlier_bedtime) and its status (e.g. optimal_found, not_enough_nights). Use for 'when should I go to bed'.")]
    [ReadsCollections("sleep_time")]
    public Task<CallToolResult> GetSleepTime(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, SleepViews.SleepTime, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);
}
