using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Hosting;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Http;

/// <summary>
/// The Oura MCP server on the hosted endpoint (src/OuraMcp.Hosting): the same tools, backend and tool selection as
/// stdio, and the token store as the readiness check. Only <c>--http</c> calls in here, so stdio never loads ASP.NET Core.
/// </summary>
public static class HttpServer
{
    /// <summary>Composes the web application without starting it.</summary>
    /// <param name="settings">The server's settings, as for stdio.</param>
    /// <param name="listen">Address, port, origins, authorization and limits.</param>
    /// <param name="configure">Runs before the composition; what it registers wins (tests: the backend, the clock).</param>
    public static WebApplication Build(ServerSettings settings, HttpListenOptions listen, Action<IServiceCollection>? configure = null) =>
        HostedEndpoint.Build(listen, services =>
        {
            services.AddHealthChecks().AddCheck<TokenStoreReadiness>("token-store", tags: [HostedEndpoint.ReadinessTag]);
            if (listen.Auth is EndpointAuth.OAuth) services.AddOuraPeople(settings, listen);
            WebhookMaintenance.AddWebhookMaintenance(services, settings, listen);
            services.AddOuraWebhooks(settings);
            services.AddResourceUpdatesOverHttp();
            services.AddResourceUpdatesAcrossInstances(listen);
            return services.AddOuraMcpServer(settings);
        }, configure).MapOuraWebhooks();

    /// <summary>
    /// <c>--http</c>: checks the HTTP options, then serves until SIGTERM or Ctrl+C and returns the exit code. Wrong or
    /// unsafe options exit with a sentence (2), as does <c>--auth oauth</c> without the Oura app's credentials.
    /// </summary>
    public static async Task<int> ServeAsync(ServerSettings settings, HttpFlags flags, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        HttpListenOptions listen;
        try
        {
            listen = HttpCommandLine.Parse(flags, environment);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + CommandLine.HelpLine).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (listen.Auth is EndpointAuth.OAuth && OAuthPeople.Problem(settings, environment) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await RunAsync(settings, listen, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Serves until SIGTERM or Ctrl+C (or the token), printing the URL to stderr once listening.</summary>
    public static async Task RunAsync(ServerSettings settings, HttpListenOptions listen, CancellationToken cancellationToken)
    {
        var app = Build(settings, listen);
        await using var appDisposal = app.ConfigureAwait(false);
        app.Services.GetRequiredService<Prompts.PromptLibrary>().LoadFolderNow();
        await HostedEndpoint.RunAsync(app, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MCP endpoint's URL as bound (the real port when 0 was asked for).</summary>
    public static string ListeningUrl(WebApplication app) => HostedEndpoint.ListeningUrl(app);
}
