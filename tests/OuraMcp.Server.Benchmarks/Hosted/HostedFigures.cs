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
        // --against <another build's OuraMcp.Server.dll>: the authorization check of that build beside this one's.
        var at = Array.IndexOf(which, "--against");
        var against = at >= 0 && at + 1 < which.Length ? which[at + 1] : null;
        if (at >= 0) which = [.. which.Where((_, i) => i != at && i != at + 1)];
        bool Wanted(string name) => which.Length == 0 || which.Contains(name);
        if (Wanted("load")) await Measured(output, "load", () => LoadComparison.RunAsync(output));
        if (Wanted("auth")) await Measured(output, "auth", () => AuthorizationShare.RunAsync(output, against));
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
