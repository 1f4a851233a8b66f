using System.Diagnostics;
using ModelContextProtocol.Client;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Support;

/// <summary>Runs the built server executable as users do: <c>dotnet OuraMcp.Server.dll ...</c>, signed out, in UTC.</summary>
public static class ServerProcess
{
    public static string Dll { get; } = FindDll();

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary>
    /// The C# SDK client's options for a server process: it asks <c>server/discover</c> first and falls back to protocol
    /// 2025-11-25 when no answer comes within 5 seconds, which a cold start on a loaded machine can outlast.
    /// </summary>
    public static McpClientOptions ClientOptions(McpClientOptions? options = null)
    {
        options ??= new McpClientOptions();
        options.DiscoverProbeTimeout = TimeSpan.FromSeconds(60);
        return options;
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("OURA_ACCESS_TOKEN");
        info.Environment["OURA_TIMEZONE"] = "UTC";
        // A configuration folder of its own: nothing the user (or another test) keeps in ~/.config/oura-mcp, a token
        // file or a history, reaches the process. Tests that want one set XDG_CONFIG_HOME or the store variables.
        info.Environment["XDG_CONFIG_HOME"] = Directory.CreateTempSubdirectory("oura-mcp-config-").FullName;
        info.Environment.Remove("OURA_HISTORY_STORE");
        info.Environment.Remove("OURA_TOKEN_STORE");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var outcome = new Outcome(process.ExitCode, await stdout, await stderr);
        var command = "OuraMcp.Server " + string.Join(' ', args);
        SecretScan.ShouldBeClean($"the stdout of `{command}`", outcome.Stdout);
        SecretScan.ShouldBeClean($"the stderr of `{command}`", outcome.Stderr);
        return outcome;
    }

    private static string FindDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "OuraMcp.Server.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "OuraMcp.Server.runtimeconfig.json"))) return beside;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryPaths.Root, "src", "OuraMcp.Server", "bin", configuration, "net10.0", "OuraMcp.Server.dll");
    }
}
