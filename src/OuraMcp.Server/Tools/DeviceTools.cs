using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>The ring itself: configuration, battery, rest mode.</summary>
[McpServerToolType]
[Toolset(Toolsets.Device)]
public sealed class DeviceTools(ToolRunner runner)
{
    [McpServerTool(Name = "get_ring_configuration", Title = "Rings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<RingRow>))]
    [Description("The person's Oura rings: hardware generation (gen3, gen4, or5, ...), design, color, US size, firmware version and set-up time (UTC).")]
    [ReadsCollections("ring_configuration")]
    public Task<CallToolResult> GetRingConfiguration(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.Detail)] bool detail = false,
        CancellationToken cancellationToken = default) =>
        runner.RunUnrangedAsync(context, OuraCatalog.RingConfiguration, "Rings", r => r.Id, DeviceViews.Ring, detail, cancellationToken);

    [McpServerTool(Name = "get_ring_battery", Title = "Ring battery", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<BatteryPoint>))]
    [Description("Ring battery level (percent) over time: hourly (default), 5min or daily buckets with min/mean/max/count, or raw readings with charging flags; latest=true gives the current level. Range by start_datetime/end_datetime or start_date/end_date; default the last 24 hours.")]
    [ReadsCollections("ring_battery_level")]
    public Task<CallToolResult> GetRingBattery(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDateTime)] string? start_datetime = null,
        [Description(ParameterDocs.EndDateTime)] string? end_datetime = null,
        [Description(ParameterDocs.SeriesStartDate)] string? start_date = null,
        [Description(ParameterDocs.SeriesEndDate)] string? end_date = null,
        [Description(ParameterDocs.Resolution), AllowedValuesFrom(AllowedValuesSource.Resolutions)] string? resolution = null,
        [Description(ParameterDocs.Latest)] bool latest = false,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunSeriesAsync(
            context, SeriesViews.Battery,
            new SeriesArgs(start_datetime, end_datetime, start_date, end_date, resolution, latest, cursor),
            _ => true, cancellationToken);

    [McpServerTool(Name = "get_rest_mode_periods", Title = "Rest mode", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<RestModeRow>))]
    [Description("Periods the person turned on rest mode (illness, recovery), by start day: start and end (local), and the tags chosen during the period. Use to explain unusual scores.")]
    [ReadsCollections("rest_mode_period")]
    public Task<CallToolResult> GetRestModePeriods(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, DeviceViews.RestMode, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);
}
