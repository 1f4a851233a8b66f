using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Cli;

/// <summary>The <c>tools</c> and <c>call</c> commands.</summary>
public static class Commands
{
    /// <summary>The tools this configuration serves, without starting a transport.</summary>
    public static IReadOnlyList<McpServerTool> ServedTools(ServerSettings settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddLogging();
        services.AddOuraMcpServer(settings);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ToolCatalog>().Tools;
    }

    public static int ListTools(ServerSettings settings, bool markdown, TextWriter output)
    {
        var tools = ServedTools(settings);
        output.Write(markdown ? ToolTable.Markdown(tools) : ToolTable.Lines(tools));
        return ExitCodes.Ok;
    }

    public static async Task<int> CallAsync(ParsedCommand command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var server = await InProcessServer.StartAsync(command.Settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var serverDisposal = server.ConfigureAwait(false);
        CallToolResult result;
        try
        {
            result = await server.Client.CallToolAsync(
                new CallToolRequestParams { Name = command.ToolName!, Arguments = new Dictionary<string, System.Text.Json.JsonElement>(command.ToolArguments) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException e)
        {
            await error.WriteLineAsync($"{e.Message} Run `OuraMcp.Server tools` to list the tools.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        foreach (var block in result.Content.OfType<TextContentBlock>())
        {
            await output.WriteLineAsync(block.Text).ConfigureAwait(false);
        }

        return result.IsError == true ? ExitCodes.ToolError : ExitCodes.Ok;
    }
}

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ToolError = 1;
    public const int Usage = 2;
}
