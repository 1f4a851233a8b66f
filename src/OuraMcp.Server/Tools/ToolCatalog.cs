using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Tools;

/// <summary>
/// The tools this process serves, built on first use (the first <c>tools/list</c> or <c>tools/call</c>), not at start-up.
/// Building a tool reflects over its method and generates its input and output schemas; for all of them that was the
/// largest cost between process start and answering <c>initialize</c>, which needs none of it. The definitions are the
/// ones <c>WithTools&lt;T&gt;()</c> would build (same factory, same serializer options, same order); the server serves
/// them through its list and call handlers instead of a tool collection it would fill at start-up.
/// </summary>
public sealed class ToolCatalog
{
    /// <summary>The tool classes, in the order <c>tools/list</c> lists them.</summary>
    public static readonly IReadOnlyList<ToolClass> ToolTypes =
    [
        ToolClass.Of<ProfileTools>(), ToolClass.Of<SummaryTools>(), ToolClass.Of<SleepTools>(), ToolClass.Of<ReadinessTools>(),
        ToolClass.Of<ActivityTools>(), ToolClass.Of<HeartTools>(), ToolClass.Of<BodyTools>(), ToolClass.Of<TagTools>(),
        ToolClass.Of<DeviceTools>(), ToolClass.Of<DocumentTools>(), ToolClass.Of<AnalyticsTools>(), ToolClass.Of<ChartTools>(),
        ToolClass.Of<HistoryTools>(), ToolClass.Of<WebhookTools>(),
    ];

    private readonly Lazy<Served> _served;

    public ToolCatalog(IServiceProvider services, ToolSelection selection)
    {
        _served = new Lazy<Served>(() => Build(services, selection), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The served tools, after <c>--toolsets</c>, <c>--read-only</c> and <c>--exclude-tools</c>.</summary>
    public IReadOnlyList<McpServerTool> Tools => _served.Value.Tools;

    public bool TryGet(string name, [NotNullWhen(true)] out McpServerTool? tool) => _served.Value.ByName.TryGetValue(name, out tool);

    /// <summary>Builds the tools now, off the request path (a warm-up after <c>initialize</c> was answered).</summary>
    public void Warm() => _ = _served.Value;

    /// <summary>The <c>tools/list</c> handler: every served tool this caller may use (<see cref="IToolAccess"/>), on one page.</summary>
    public static ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var catalog = request.Services!.GetRequiredService<ToolCatalog>();
        var access = request.Services!.GetService<IToolAccess>();
        return ValueTask.FromResult(new ListToolsResult { Tools = [.. catalog.Tools.Where(t => access?.Allows(t, request.User) ?? true).Select(t => t.ProtocolTool)] });
    }

    /// <summary>
    /// The <c>tools/call</c> handler, inside the call filters; an unknown name is a protocol error, as the SDK's own, and so
    /// is a tool this caller may not use (the hosted endpoint refuses it earlier, with a scope challenge).
    /// </summary>
    public static ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name;
        if (name is null || !request.Services!.GetRequiredService<ToolCatalog>().TryGet(name, out var tool)
            || request.Services!.GetService<IToolAccess>() is { } access && !access.Allows(tool, request.User))
        {
            throw new McpProtocolException($"Unknown tool: '{name}'", McpErrorCode.InvalidParams);
        }

        request.MatchedPrimitive = tool;
        return tool.InvokeAsync(request, cancellationToken);
    }

    /// <summary>The tool methods of a tool class, with their attribute, in declaration order.</summary>
    public static IEnumerable<(MethodInfo Method, McpServerToolAttribute Attribute)> ToolMethods(
        [DynamicallyAccessedMembers(ToolClass.Members)] Type toolType) =>
        from method in toolType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
        let attribute = method.GetCustomAttribute<McpServerToolAttribute>()
        where attribute is not null
        select (method, attribute);

    private static Served Build(IServiceProvider services, ToolSelection selection)
    {
        StartupTrace.Mark("tools: building");
        var all = new List<McpServerTool>();
        foreach (var toolClass in ToolTypes)
        {
            // One compiled constructor call per class: every call gets a fresh instance with its dependencies, as with
            // WithTools<T>(), without matching constructors by reflection on each call.
            var create = ActivatorUtilities.CreateFactory(toolClass.Type, Type.EmptyTypes);
            foreach (var (method, attribute) in ToolMethods(toolClass.Type))
            {
                var tool = McpServerTool.Create(
                    method,
                    request => create(request.Services!, null),
                    new McpServerToolCreateOptions { Services = services, SerializerOptions = ServerJson.Options });
                if (AnswerSchema.RowType(attribute.OutputSchemaType) is { } rowType && tool.ProtocolTool.OutputSchema is { } schema)
                {
                    tool.ProtocolTool.OutputSchema = AnswerSchema.Document(schema, rowType);
                }

                all.Add(tool);
            }
        }

        var served = selection.Select(all);
        StartupTrace.Mark("tools: built");
        return new Served(served, served.ToDictionary(t => t.ProtocolTool.Name, StringComparer.Ordinal));
    }

    private sealed record Served(IReadOnlyList<McpServerTool> Tools, IReadOnlyDictionary<string, McpServerTool> ByName);
}
