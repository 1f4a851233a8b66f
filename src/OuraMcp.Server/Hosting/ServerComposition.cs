using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.History.Storage;
using OuraMcp.Server.Analytics;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Completion;
using OuraMcp.Server.People;
using OuraMcp.Server.Prompts;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The server's composition, shared by stdio, the <c>tools</c>/<c>call</c> commands and the tests: settings, who is
/// asking (<see cref="IPeople"/>: the one local person and its Oura backend, unless the host registered many people
/// first, see <see cref="PeopleComposition"/>), the tools (a catalog built on first use: no reflection or schema generation at start-up), the call filter, the tool
/// selection, the prompts, the resources and completion. The transport is added by the caller.
/// </summary>
public static class ServerComposition
{
    public const string ServerName = "oura-mcp";

    public static IMcpServerBuilder AddOuraMcpServer(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(IPeople)))
        {
            OuraBackend.Configure(services, settings);
            services.AddSingleton<IPeople, LocalPerson>();
        }

        Webhooks.OuraApp.AddOuraWebhooks(services, settings);
        services.TryAddSingleton<ISignInHint, LocalSignInHint>();
        // The history: the webhook receiver's store when it has one (the same rows), else the one the settings keep. A
        // settings object built in code (tests, embedding) names no environment and never touches the user's
        // configuration folder: without a registered store, its history is started only on request, in a temporary file.
        var environment = settings.AccountEnvironment;
        services.TryAddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            var registered = provider.GetService<IHistoryStore>();
            if (environment is null) return registered is null ? PersonHistory.Temporary(time) : new PersonHistory(registered, () => registered, time);
            return new PersonHistory(registered ?? HistoryStores.OpenIfKept(environment), () => HistoryStores.Create(environment), time);
        });
        services.TryAddSingleton(CursorCodec.FromSecret(settings.CursorKey));
        services.AddSingleton<ToolRunner>();
        services.TryAddSingleton<IDailyMetricSource, ClientMetricSource>();
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<ToolSelection>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<ResourceSubscriptions>();
        services.TryAddSingleton<IHistoryChanges, LocalHistoryChanges>();
        services.AddSingleton<RecentTagNames>();
        services.AddSingleton<PromptArgumentCandidates>();
        services.AddSingleton<ResourceArgumentCandidates>();

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
            // Tools are served by handlers over a catalog built on first use, not as a collection filled at start-up:
            // answering initialize needs no tool schema (see ToolCatalog).
            .WithListToolsHandler(ToolCatalog.ListAsync)
            .WithCallToolHandler(ToolCatalog.CallAsync)
            .WithListPromptsHandler((request, _) => ValueTask.FromResult(request.Services!.GetRequiredService<PromptLibrary>().List()))
            .WithGetPromptHandler(PromptLibrary.GetAsync)
            // Resources and completion are fixed lists and handlers too: nothing is built before a client asks.
            .WithListResourcesHandler(ResourceList.ListAsync)
            .WithListResourceTemplatesHandler(ResourceList.ListTemplatesAsync)
            .WithReadResourceHandler(ResourceReader.ReadAsync)
            .WithSubscribeToResourcesHandler(ResourceSubscriptions.SubscribeAsync)
            .WithUnsubscribeFromResourcesHandler(ResourceSubscriptions.UnsubscribeAsync)
            .WithSubscriptionsListenHandler(ResourceListen.ListenAsync)
            .WithCompleteHandler(CompletionHandler.CompleteAsync)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolCallFilter.Create));
    }

    public static string Version { get; } =
        typeof(ServerComposition).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
