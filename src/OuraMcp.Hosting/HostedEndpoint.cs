using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Hosting.Telemetry;

namespace OuraMcp.Hosting;

/// <summary>
/// MCP over streamable HTTP on Kestrel, with the SDK's stateless transport at <c>/mcp</c>, and around it what the
/// transport leaves to its host: Host/Origin checks and the body cap (<see cref="RequestGuard"/>), CORS
/// (<see cref="BrowserAccess"/>), authorization by <c>--auth</c>, a per-caller rate limit, <c>/healthz</c> and
/// <c>/readyz</c>, and a bounded graceful shutdown. It knows nothing of Oura: the MCP server is composed by the caller.
/// </summary>
public static class HostedEndpoint
{
    /// <summary>Health checks with this tag decide <c>/readyz</c> (what the server needs to answer: its stores).</summary>
    public const string ReadinessTag = "ready";

    /// <summary>Composes the web application without starting it.</summary>
    /// <param name="listen">Address, port, origins, authorization and limits.</param>
    /// <param name="addMcpServer">Registers the MCP server (tools, prompts, options); the HTTP transport is added here.</param>
    /// <param name="configure">Runs before <paramref name="addMcpServer"/>; what it registers wins (tests: the backend).</param>
    public static WebApplication Build(HttpListenOptions listen, Func<IServiceCollection, IMcpServerBuilder> addMcpServer, Action<IServiceCollection>? configure = null)
    {
        // The empty builder reads no appsettings, environment prefixes or command line: the CLI is the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestGuard.MaxRequestBytes;
            kestrel.Listen(listen.Bind, listen.Port);
        });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).LeaveOutCancelledRequests();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOpenTelemetryExport(listen);
        // SIGTERM stops accepting connections; calls in flight get this long to finish.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = listen.ShutdownTimeout);

        var services = builder.Services;
        var origins = new RequestOriginPolicy(listen);
        services.AddSingleton(listen);
        services.AddSingleton(origins);
        services.AddRoutingCore();
        services.AddBrowserAccess(origins);
        services.AddCallerRateLimit(listen);
        services.AddHealthChecks();
        if (listen.Auth is EndpointAuth.ApiKey)
        {
            services.AddAuthentication(ApiKeyAuthentication.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
            services.AddAuthorization();
        }
        else if (listen.Auth is EndpointAuth.OAuth)
        {
            services.AddAuthorizationServer(listen);
        }

        configure?.Invoke(services);
        // Stateless: every request is served by a server of its own, so any instance can answer any request.
        addMcpServer(services).WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless);

        var app = builder.Build();
        app.UsePublicUrlPath(listen);
        app.Use(RequestGuard.InvokeAsync);
        app.UseRouting();
        app.UseCors();
        if (listen.Auth is EndpointAuth.OAuth) app.UseClientMetadataDocuments();
        if (listen.Auth is not EndpointAuth.None) app.UseAuthentication();
        // Before authorization, so that guesses at the key are limited too (by address, as they carry no identity).
        app.UseRateLimiter();
        if (listen.Auth is not EndpointAuth.None) app.UseAuthorization();
        if (listen.Auth is EndpointAuth.OAuth) app.UseScopedToolCalls();

        // Alive: the process answers. Ready: it can serve (the checks tagged ready, e.g. the token store).
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessTag) });
        var mcp = app.MapMcp(HttpListenOptions.Route).RequireRateLimiting(CallerRateLimit.Policy);
        if (listen.Auth is EndpointAuth.ApiKey) mcp.RequireAuthorization();
        if (listen.Auth is EndpointAuth.OAuth)
        {
            mcp.RequireAuthorization(AuthorizationServer.PolicyName);
            app.MapAuthorizationEndpoints();
        }

        return app;
    }

    /// <summary>Serves until SIGTERM or Ctrl+C (or the token), printing the URL to stderr once listening.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        // Printed, not logged: it is the one line a person (or a test using --port 0) needs, whatever the log level.
        await Console.Error.WriteLineAsync($"oura-mcp listening on {ListeningUrl(app)}").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MCP endpoint's URL as bound (the real port when 0 was asked for).</summary>
    public static string ListeningUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var port = new Uri(addresses.First()).Port;
        var bind = app.Services.GetRequiredService<HttpListenOptions>().Bind;
        var host = bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind.ToString();
        return $"http://{host}:{port}{HttpListenOptions.Route}";
    }
}
