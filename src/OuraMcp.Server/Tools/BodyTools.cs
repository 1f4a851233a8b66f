using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Blood oxygen.</summary>
[McpServerToolType]
[Toolset(Toolsets.Body)]
public sealed class BodyTools(ToolRunner runner)
{
    [McpServerTool(Name = "get_spo2", Title = "Blood oxygen", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<SpO2Day>))]
    [Description("Blood oxygen during sleep per night: average SpO2 (percent) and breathing disturbance index (0-100, higher means more disturbances). Use for breathing and altitude questions.")]
    [ReadsCollections("daily_spo2")]
    public Task<CallToolResult> GetSpO2(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Fields)] string[]? fields = null,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, BodyViews.SpO2, new DayArgs(start_date, end_date, detail, fields, cursor), cancellationToken);
}
