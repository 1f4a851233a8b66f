using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OuraMcp.Server.Hosting;

/// <summary>MCP over stdio: stdout carries JSON-RPC only, every log line goes to stderr.</summary>
public static class StdioServer
{
    public static async Task RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings files and scans nothing: the cheapest start the host offers.
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOuraMcpServer(settings).WithStdioServerTransport();
        using var host = builder.Build();
        StartupTrace.Mark("host built");
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
