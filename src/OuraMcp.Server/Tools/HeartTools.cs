using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Heart rate, stress, cardiovascular age and VO2 max.</summary>
[McpServerToolType]
[Toolset(Toolsets.Heart)]
public sealed class HeartTools(ToolRunner runner)
{
    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "get_heart_rate", Title = "Heart rate", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<HeartRatePoint>))]
    [Description("Heart rate (bpm) over a time range: buckets of 5min, hourly (default) or daily with min/mean/max/count, or raw samples (about one per 5 minutes awake, denser in workouts and sleep) with their source. Range by start_datetime/end_datetime or by start_date/end_date; default the last 24 hours. source limits to awake, rest, sleep, workout, live or session samples. For resting or sleeping heart rate per night prefer get_sleep.")]
    [ReadsCollections("heartrate")]
    public Task<CallToolResult> GetHeartRate(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDateTime)] string? start_datetime = null,
        [Description(ParameterDocs.EndDateTime)] string? end_datetime = null,
        [Description(ParameterDocs.SeriesStartDate)] string? start_date = null,
        [Description(ParameterDocs.SeriesEndDate)] string? end_date = null,
        [Description(ParameterDocs.Resolution), AllowedValuesFrom(AllowedValuesSource.Resolutions)] string? resolution = null,
        [Description("Only samples from these sources: awake, rest, sleep, workout, live, session. Default: all.")] string[]? source = null,
        [Description(ParameterDocs.Latest)] bool latest = false,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var sources = ParseSources(source);
        return runner.RunSeriesAsync(
            context, SeriesViews.HeartRate,
            new SeriesArgs(start_datetime, end_datetime, start_date, end_date, resolution, latest, cursor),
            s => sources is null || sources.Contains(s.Source.Value),
            cancellationToken);
    }

    [McpServerTool(Name = "get_stress", Title = "Stress", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<StressDay>))]
    [Description("Daytime stress per day: summary (restored, normal, stressful) and time spent in high stress and in high recovery (seconds; h:mm in the text).")]
    [ReadsCollections("daily_stress")]
    public Task<CallToolResult> GetStress(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, HeartViews.Stress, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_cardiovascular_age", Title = "Cardiovascular age", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<CardiovascularAgeDay>))]
    [Description("Cardiovascular age per day: predicted vascular age (years) and pulse wave velocity (m/s). Compare with the person's age from get_personal_info.")]
    [ReadsCollections("daily_cardiovascular_age")]
    public Task<CallToolResult> GetCardiovascularAge(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, HeartViews.CardiovascularAge, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    [McpServerTool(Name = "get_vo2_max", Title = "VO2 max", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<Vo2MaxDay>))]
    [Description("VO2 max estimates (ml/kg/min), the cardio fitness measure, per day Oura estimated one.")]
    [ReadsCollections("vO2_max")]
    public Task<CallToolResult> GetVo2Max(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, HeartViews.Vo2Max, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);

    private static HashSet<string>? ParseSources(string[]? source)
    {
        if (source is null || source.Length == 0) return null;
        var requested = source.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var valid = OuraEnumNames<HeartRateSource>.All;
        var unknown = requested.Where(s => !valid.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ToolInputException($"Unknown heart-rate source {string.Join(", ", unknown.Select(u => $"'{Echo.Short(u)}'"))}. Valid sources: {string.Join(", ", valid)}.");
        }

        return requested.Count == 0 ? null : requested;
    }
}
