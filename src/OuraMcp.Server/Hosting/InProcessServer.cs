using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The real server composition and a real MCP client joined by in-memory pipes: the <c>call</c> command and the tests
/// go through exactly the protocol path a remote client does (filters, schemas, errors), without a process.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessServer(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    public McpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the server and connects a client to it.</summary>
    /// <param name="settings">The server's settings, as the command line would give them.</param>
    /// <param name="configure">Runs before the composition; what it registers wins (the backend, the clock).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<InProcessServer> StartAsync(
        ServerSettings settings, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default) =>
        StartAsync(settings, new McpClientOptions { ClientInfo = new Implementation { Name = "oura-mcp-in-process", Version = ServerComposition.Version } },
            configure, cancellationToken);

    /// <summary>Starts the server and connects a client with the given options (capabilities, handlers) to it.</summary>
    /// <param name="settings">The server's settings, as the command line would give them.</param>
    /// <param name="clientOptions">The client's options: what it declares it can do (elicitation) and its handlers.</param>
    /// <param name="configure">Runs before the composition; what it registers wins (the backend, the clock).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<InProcessServer> StartAsync(
        ServerSettings settings, McpClientOptions clientOptions, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        configure?.Invoke(builder.Services);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddOuraMcpServer(settings)
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            clientOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InProcessServer(host, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
