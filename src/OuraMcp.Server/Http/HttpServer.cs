using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Http;

/// <summary>
/// MCP over streamable HTTP on Kestrel: one route, <c>POST /mcp</c>, stateless, the same tools and backend as stdio.
/// Local only for now: there is no authorization, so it listens on loopback unless <c>--bind</c> says otherwise.
/// </summary>
public static partial class HttpServer
{
    public const string Route = "/mcp";

    /// <summary>Composes the web application without starting it.</summary>
    /// <param name="settings">The server's settings, as for stdio.</param>
    /// <param name="listen">Address, port and allowed origins.</param>
    /// <param name="configure">Runs before the composition; what it registers wins (tests: the backend, the clock).</param>
    public static WebApplication Build(ServerSettings settings, HttpListenOptions listen, Action<IServiceCollection>? configure = null)
    {
        // The empty builder reads no appsettings, environment prefixes or command line: the CLI is the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = McpHttpEndpoint.MaxRequestBytes;
            kestrel.Listen(listen.Bind, listen.Port);
        });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRoutingCore();
        configure?.Invoke(builder.Services);
        builder.Services.AddOuraMcpServer(settings);
        builder.Services.AddSingleton(listen);
        builder.Services.AddSingleton(new RequestOriginPolicy(listen));
        builder.Services.AddSingleton<McpHttpEndpoint>();

        var app = builder.Build();
        app.Use(GuardAsync);
        var endpoint = app.Services.GetRequiredService<McpHttpEndpoint>();
        // Every method is mapped so that the endpoint itself answers 405 with Allow: POST.
        app.Map(Route, endpoint.HandleAsync);
        return app;
    }

    /// <summary>Serves until SIGTERM or Ctrl+C (or the token), printing the URL to stderr once listening.</summary>
    public static async Task RunAsync(ServerSettings settings, HttpListenOptions listen, CancellationToken cancellationToken)
    {
        await using var app = Build(settings, listen);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpServer).FullName!);
        if (!listen.IsLoopback) LogNetworkWithoutAuthorization(logger, listen.Bind.ToString());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        // Printed, not logged: it is the one line a person (or a test using --port 0) needs, whatever the log level.
        await Console.Error.WriteLineAsync($"oura-mcp listening on {ListeningUrl(app)}").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MCP endpoint's URL as bound (the real port when 0 was asked for).</summary>
    public static string ListeningUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var first = addresses.First();
        var uri = new Uri(first);
        var listen = app.Services.GetRequiredService<HttpListenOptions>();
        var host = listen.Bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{listen.Bind}]" : listen.Bind.ToString();
        return $"http://{host}:{uri.Port}{Route}";
    }

    /// <summary>Host and Origin are checked before anything else, on every path (DNS rebinding, cross-site pages).</summary>
    private static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var policy = context.RequestServices.GetRequiredService<RequestOriginPolicy>();
        var host = context.Request.Host.Host;
        if (!policy.IsHostAllowed(host))
        {
            LogHostRefused(Logger(context), Shorten(host));
            await McpHttpEndpoint.WriteErrorAsync(context, StatusCodes.Status403Forbidden, McpHttpEndpoint.ServerErrorCode,
                "Forbidden: this server is local; the Host header must name localhost, 127.0.0.1 or [::1].").ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (!policy.IsOriginAllowed(origin))
        {
            LogOriginRefused(Logger(context), Shorten(origin));
            await McpHttpEndpoint.WriteErrorAsync(context, StatusCodes.Status403Forbidden, McpHttpEndpoint.ServerErrorCode,
                "Forbidden: this Origin is not allowed; start the server with --allowed-origins to allow it.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpServer).FullName!);

    // Header values come from whoever sent the request: bounded before they reach the log.
    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Address}, beyond this machine, and there is no authorization yet: anyone who can reach it reads this Oura account. Hosted multi-user mode with OAuth is not built yet.")]
    private static partial void LogNetworkWithoutAuthorization(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request whose Host header '{Host}' is not a loopback name (possible DNS rebinding).")]
    private static partial void LogHostRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request from Origin '{Origin}', which is not allowed.")]
    private static partial void LogOriginRefused(ILogger logger, string origin);
}
