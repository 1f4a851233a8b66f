using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.Hosting;

/// <summary>MCP over stdio: stdout carries JSON-RPC only, every log line goes to stderr.</summary>
/// <remarks>
/// No generic host: one session on stdin/stdout needs none of its configuration, environment, hosted services or
/// console lifetime, and building them was a large share of the time to answer <c>initialize</c>. The session ends
/// when the client closes stdin (the transport completes) or the process is signalled.
/// </remarks>
public static class StdioServer
{
    public static async Task RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        // The second core does the first exchange's JSON set-up meanwhile (ProtocolWarmup).
        ProtocolWarmup.Start();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
        services.AddOuraMcpServer(settings);
        var provider = services.BuildServiceProvider();
        await using var providerDisposal = provider.ConfigureAwait(false);
        StartupTrace.Mark("services built");
        provider.GetRequiredService<Prompts.PromptLibrary>().LoadFolderNow();

        var options = provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        var server = McpServer.Create(new StdioServerTransport(options, loggerFactory), options, loggerFactory, provider);
        await using var serverDisposal = server.ConfigureAwait(false);
        StartupTrace.Mark("server created");
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
