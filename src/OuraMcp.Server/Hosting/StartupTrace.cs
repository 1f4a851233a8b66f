using System.Diagnostics;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// Start-up checkpoints on stderr when <c>OURA_MCP_STARTUP_TRACE=1</c>: milliseconds since the process started, so a
/// cold-start regression can be located without a profiler. Off, it costs one environment read.
/// </summary>
public static class StartupTrace
{
    public const string Variable = "OURA_MCP_STARTUP_TRACE";

    private static readonly DateTime? ProcessStart =
        Environment.GetEnvironmentVariable(Variable) == "1" ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : null;

    public static bool Enabled => ProcessStart.HasValue;

    public static void Mark(string checkpoint)
    {
        if (ProcessStart is { } start)
        {
            Console.Error.WriteLine($"[startup] {(DateTime.UtcNow - start).TotalMilliseconds,7:F1} ms  {checkpoint}");
        }
    }
}
