using OuraMcp.Server.Aot;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Http;

namespace OuraMcp.Server;

/// <summary>The <c>OuraMcp.Server</c> executable.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        StartupTrace.Mark("main");
        ParsedCommand command;
        try
        {
            command = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + CommandLine.HelpLine).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        switch (command.Kind)
        {
            case CommandKind.Help:
                await Console.Out.WriteLineAsync(CommandLine.UsageText).ConfigureAwait(false);
                return ExitCodes.Ok;
            case CommandKind.Version:
                await Console.Out.WriteLineAsync(ServerComposition.Version).ConfigureAwait(false);
                return ExitCodes.Ok;
            case CommandKind.Auth when command.Auth is null:
                await Console.Out.WriteLineAsync(AuthCommandLine.UsageText).ConfigureAwait(false);
                return ExitCodes.Ok;
            case CommandKind.Auth:
                return await RunAuthAsync(command.Auth).ConfigureAwait(false);
            case CommandKind.ListTools:
                return Commands.ListTools(command.Settings, command.Markdown, Console.Out);
            case CommandKind.Call:
                return await Commands.CallAsync(command, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
            case CommandKind.Sync or CommandKind.Export:
                return await RunCancellableAsync(ct => command.Kind == CommandKind.Sync
                    ? HistoryCommands.SyncAsync(command, Console.Out, Console.Error, ct)
                    : HistoryCommands.ExportAsync(command, Console.Out, Console.Error, ct)).ConfigureAwait(false);
            case CommandKind.Webhooks:
                return await RunCancellableAsync(ct => WebhookCommands.RunAsync(command, Console.Out, Console.Error, ct)).ConfigureAwait(false);
            case CommandKind.Serve when command.Http is { } http:
                if (!HostedMode.IsSupported)
                {
                    await Console.Error.WriteLineAsync(HostedMode.NotInThisBuild).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                return await HttpServer.ServeAsync(command.Settings, http, Environment.GetEnvironmentVariable, CancellationToken.None).ConfigureAwait(false);
            default:
                await StdioServer.RunAsync(command.Settings, CancellationToken.None).ConfigureAwait(false);
                ReportLoadedAssemblies();
                return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// With <c>OURA_MCP_STARTUP_TRACE=1</c>, the assemblies the session loaded, on stderr once it ends: the proof that
    /// stdio never loads the hosted endpoint's web stack (StdioLoadsNoWebAssemblyTests).
    /// </summary>
    private static void ReportLoadedAssemblies()
    {
        if (!StartupTrace.Enabled) return;
        var names = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal);
        Console.Error.WriteLine("[startup] assemblies loaded: " + string.Join(", ", names));
    }

    /// <summary>Runs a command that Ctrl+C stops cleanly (what it finished is kept).</summary>
    private static async Task<int> RunCancellableAsync(Func<CancellationToken, Task<int>> run)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await run(cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // Ctrl+C during `auth login` stops waiting for the browser and closes the listener cleanly.
    private static Task<int> RunAuthAsync(AuthCommand auth) => RunCancellableAsync(async cancellationToken =>
    {
        try
        {
            return await AuthCommands.RunAsync(auth, Environment.GetEnvironmentVariable, AuthConsole.System, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; nothing was stored.").ConfigureAwait(false);
            return ExitCodes.ToolError;
        }
    });
}
