using System.Globalization;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>Call times of one run, and how many calls a second it made.</summary>
public sealed class Latencies(IReadOnlyList<TimeSpan> calls, TimeSpan elapsed)
{
    public int Count => calls.Count;

    public double CallsPerSecond => calls.Count / elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        var sorted = calls.Select(c => c.TotalMilliseconds).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} calls in {elapsed.TotalSeconds:F1} s: {CallsPerSecond:F0} calls/s, p50 {Percentile(50):F1} ms, p99 {Percentile(99):F1} ms");
}
