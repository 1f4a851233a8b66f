using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OuraMcp.Benchmarks;

/// <summary>
/// Bytes of the JSON body each benchmark category reads, recorded by the benchmarks' global setup. The toolchain runs
/// in-process, so the summary's columns see what the setup recorded.
/// </summary>
public static class Payloads
{
    private static readonly ConcurrentDictionary<string, int> Bytes = new(StringComparer.Ordinal);

    public static void Record(string category, int bytes) => Bytes[category] = bytes;

    public static int? For(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Categories.Select(c => Bytes.TryGetValue(c, out var b) ? b : (int?)null).FirstOrDefault(b => b is not null);
}

/// <summary>The size of the JSON body one operation reads.</summary>
public sealed class PayloadBytesColumn : IColumn
{
    public string Id => nameof(PayloadBytesColumn);

    public string ColumnName => "Body";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes of JSON body one operation reads (one response, or the serialized page parsed)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Payloads.For(benchmarkCase) is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B") : "?";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Payloads.For(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>
/// Body bytes over the mean time, in MB/s (10^6 bytes per second). Shown only for the parsing benchmarks: for a
/// request over loopback the time is mostly not spent on the bytes, so a rate would mislead.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    /// <summary>The category whose cases get a throughput figure.</summary>
    public const string ParsingCategory = "parse-sleep-30d";

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Parsing throughput: body bytes / mean time, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!benchmarkCase.Descriptor.Categories.Contains(ParsingCategory) || Payloads.For(benchmarkCase) is not { } bytes) return "-";
        if (summary[benchmarkCase]?.ResultStatistics is not { Mean: > 0 } statistics) return "?";
        var megabytesPerSecond = bytes / (statistics.Mean / 1e9) / 1e6;
        return megabytesPerSecond.ToString("N1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Categories.Contains(ParsingCategory));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
