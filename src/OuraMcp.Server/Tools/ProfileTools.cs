using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.People;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>Who the person is.</summary>
[McpServerToolType]
[Toolset(Toolsets.Profile)]
public sealed class ProfileTools
{
    [McpServerTool(Name = "get_personal_info", Title = "Personal info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ProfileAnswer))]
    [Description("The person's profile: age (years), weight (kg), height (m), biological sex and email. Use to put scores in context (age vs. cardiovascular age, weight for energy).")]
    [ReadsCollections("personal_info")]
    public async Task<CallToolResult> GetPersonalInfo(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken = default)
    {
        var oura = WhoIsAsking.Of(context).Oura;
        var answer = ProfileAnswer.From(await oura.GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false));
        var json = ServerJson.ToElement(answer);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = "Personal info: " + TextRendering.Line(json) }],
            StructuredContent = json,
        };
    }
}
