using System.Diagnostics;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// The hosted endpoint's figures, each against server processes run as users run them and the fake Oura on loopback:
/// load over HTTP beside stdio (<see cref="LoadComparison"/>), the authorization check's share of a warm call
/// (<see cref="AuthorizationShare"/>) and memory with many people (<see cref="ManyPeopleMemory"/>). Each figure is
/// printed with the load average before and after it, as the machine is shared.
/// </summary>
public static class HostedFigures
{
    public static async Task RunAsync(TextWriter output, string[] which)
    {
        bool Wanted(string name) => which.Length == 0 || which.Contains(name);
        if (Wanted("load")) await Measured(output, "load", () => LoadComparison.RunAsync(output));
        if (Wanted("auth")) await Measured(output, "auth", () => AuthorizationShare.RunAsync(output));
        if (Wanted("memory")) await Measured(output, "memory", () => ManyPeopleMemory.RunAsync(output));
    }

    private static async Task Measured(TextWriter output, string name, Func<Task> figure)
    {
        var before = LoadAverage();
        var started = Stopwatch.GetTimestamp();
        await figure().ConfigureAwait(false);
        output.WriteLine($"  ({name}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s, load average {before} → {LoadAverage()})");
        output.WriteLine();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
