using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>
/// Decides which tools this process serves, in one documented order: keep the selected toolsets, then drop tools
/// without a read-only hint when <c>--read-only</c>, then drop <c>--exclude-tools</c>. Also writes the allowed values
/// of catalog-driven parameters into the input schemas.
/// </summary>
public sealed class ToolSelection(ServerSettings settings)
{
    /// <summary>The tools to serve, in the order given, with the allowed values written into their schemas.</summary>
    public IReadOnlyList<McpServerTool> Select(IEnumerable<McpServerTool> tools)
    {
        var served = new List<McpServerTool>();
        // The webhook tools act as the Oura app: without its credentials they could only fail.
        var hasApp = Webhooks.OuraApp.From(settings) is not null;
        foreach (var tool in tools)
        {
            var keep = ToolsetOf(tool) is { } toolset && settings.Toolsets.Contains(toolset)
                       && (!settings.ReadOnly || tool.ProtocolTool.Annotations?.ReadOnlyHint == true)
                       && !settings.ExcludedTools.Contains(tool.ProtocolTool.Name)
                       && (toolset != Toolsets.Webhooks || hasApp);
            if (!keep) continue;

            AddAllowedValues(tool);
            served.Add(tool);
        }

        return served;
    }

    public static string? ToolsetOf(McpServerTool tool) => tool.Metadata.OfType<ToolsetAttribute>().FirstOrDefault()?.Name;

    public static IReadOnlyList<string> CollectionsOf(McpServerTool tool) =>
        tool.Metadata.OfType<ReadsCollectionsAttribute>().SelectMany(a => a.Collections).ToList();

    public static IReadOnlyList<string> AllowedValues(AllowedValuesSource source) => source switch
    {
        AllowedValuesSource.DocumentCollections => OuraCatalog.All.Where(c => c.HasDocumentRoute).Select(c => c.Name).ToList(),
        AllowedValuesSource.Resolutions => Resolutions.Names,
        AllowedValuesSource.WebhookDataTypes => [.. Oura.Models.OuraEnumNames<Oura.Models.WebhookDataType>.All],
        AllowedValuesSource.WebhookEventTypes => [.. Oura.Models.OuraEnumNames<Oura.Models.WebhookOperation>.All],
        _ => [],
    };

    private static void AddAllowedValues(McpServerTool tool)
    {
        if (tool.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } method) return;
        var restricted = method.GetParameters()
            .Select(p => (p.Name, Attribute: p.GetCustomAttribute<AllowedValuesFromAttribute>()))
            .Where(p => p.Attribute is not null && p.Name is not null)
            .ToList();
        if (restricted.Count == 0) return;
        var schema = JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText())!.AsObject();
        foreach (var (parameter, attribute) in restricted)
        {
            if (schema["properties"]?[parameter!] is JsonObject property && !property.ContainsKey("enum"))
            {
                // An enum that leaves out null contradicts a nullable type; leaving the argument out is how to send "none".
                property["type"] = "string";
                if (property["default"] is null) property.Remove("default");
                property["enum"] = new JsonArray(AllowedValues(attribute!.Source).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            }
        }

        tool.ProtocolTool.InputSchema = JsonSerializer.SerializeToElement(schema, Answers.ServerJsonContext.Default.JsonObject);
    }
}
