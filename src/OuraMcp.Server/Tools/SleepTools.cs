using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Nights, naps and bedtime guidance.</summary>
[McpServerToolType]
[Toolset(Toolsets.Sleep)]
public sealed class SleepTools(ToolRunner runner)
{
    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
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

    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "get_sleep_series", Title = "Sleep time series", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<SleepSeriesPoint>))]
    [Description("Inside each night's sleep, every 5 minutes as Oura sampled it: heart rate (bpm), HRV (ms) and sleep stage (deep, light, rem, awake), as raw steps or as 5min, hourly (default) or daily (one row per sleep period) buckets with min/mean/max heart rate and HRV, the sample count and the time in each stage (seconds; h:mm in the text). Main sleep only unless include_naps=true. Use for 'how did my heart rate or HRV move during the night', 'when was I in deep sleep'; for nightly totals prefer get_sleep.")]
    [ReadsCollections("sleep")]
    public Task<CallToolResult> GetSleepSeries(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Resolution), AllowedValuesFrom(AllowedValuesSource.Resolutions)] string? resolution = null,
        [Description("true includes naps and other sleep periods, each row naming its period; default the main sleep only.")] bool include_naps = false,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(
            context, SleepSeriesViews.Series(Resolutions.Parse(resolution, Resolution.Hourly), include_naps, WhoIsAsking.Of(context).TimeZone),
            new DayArgs(start_date, end_date, Detail: false, Fields: null, cursor), cancellationToken);

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
