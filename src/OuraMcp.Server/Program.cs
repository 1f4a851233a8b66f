using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;

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
            case CommandKind.AuthLogin:
                await Console.Error.WriteLineAsync("Sign-in is not built yet; set OURA_ACCESS_TOKEN for now, or use --demo.").ConfigureAwait(false);
                return ExitCodes.Usage;
            case CommandKind.ListTools:
                return Commands.ListTools(command.Settings, command.Markdown, Console.Out);
            case CommandKind.Call:
                return await Commands.CallAsync(command, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
            default:
                await StdioServer.RunAsync(command.Settings, CancellationToken.None).ConfigureAwait(false);
                return ExitCodes.Ok;
        }
    }
}
