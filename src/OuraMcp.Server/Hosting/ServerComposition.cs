using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Prompts;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The server's composition, shared by stdio, the <c>tools</c>/<c>call</c> commands and the tests: settings, the Oura
/// backend, the tools (registered class by class: no assembly scanning at startup), the call filter and the tool
/// selection. The transport is added by the caller.
/// </summary>
public static class ServerComposition
{
    public const string ServerName = "oura-mcp";

    public static IMcpServerBuilder AddOuraMcpServer(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        OuraBackend.Configure(services, settings);
        services.AddSingleton<ToolRunner>();
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<IPostConfigureOptions<McpServerOptions>, ToolSelection>();

        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = ServerName, Title = "Oura Ring", Version = Version };
                options.ServerInstructions =
                    "Reads the person's Oura Ring data. Start with get_daily_summary for 'how was my day/week'; use the " +
                    "specific tools for details. Days are local days (yyyy-MM-dd) in the person's time zone; durations are " +
                    "seconds with an h:mm twin. Answers say whether they are complete, which days have no data, and give a " +
                    "cursor when they were cut to size.";
            })
            .WithTools<ProfileTools>(ServerJson.Options)
            .WithTools<SummaryTools>(ServerJson.Options)
            .WithTools<SleepTools>(ServerJson.Options)
            .WithTools<ReadinessTools>(ServerJson.Options)
            .WithTools<ActivityTools>(ServerJson.Options)
            .WithTools<HeartTools>(ServerJson.Options)
            .WithTools<BodyTools>(ServerJson.Options)
            .WithTools<TagTools>(ServerJson.Options)
            .WithTools<DeviceTools>(ServerJson.Options)
            .WithTools<DocumentTools>(ServerJson.Options)
            .WithListPromptsHandler((request, _) => ValueTask.FromResult(request.Services!.GetRequiredService<PromptLibrary>().List()))
            .WithGetPromptHandler((request, _) => ValueTask.FromResult(
                request.Services!.GetRequiredService<PromptLibrary>().Get(request.Params!.Name, request.Params.Arguments)))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolCallFilter.Create));
    }

    public static string Version { get; } =
        typeof(ServerComposition).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
