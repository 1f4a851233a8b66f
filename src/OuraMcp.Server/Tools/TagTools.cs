using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>The person's tags and notes.</summary>
[McpServerToolType]
[Toolset(Toolsets.Tags)]
public sealed class TagTools(ToolRunner runner)
{
    [McpServerTool(Name = "get_tags", Title = "Tags", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<TagRow>))]
    [Description("Tags the person added in the Oura app (caffeine, alcohol, late meal, sickness, custom tags, notes), one row each from both of Oura's tag collections: name, local start and end time, comment. Use to explain a bad night or a low score.")]
    [ReadsCollections("enhanced_tag", "tag")]
    public Task<CallToolResult> GetTags(
        RequestContext<CallToolRequestParams> context,
        [Description(ParameterDocs.StartDate)] string? start_date = null,
        [Description(ParameterDocs.EndDate)] string? end_date = null,
        [Description(ParameterDocs.Detail)] bool detail = false,
        [Description(ParameterDocs.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        runner.RunDaysAsync(context, TagViews.Tags, new DayArgs(start_date, end_date, detail, null, cursor), cancellationToken);
}
