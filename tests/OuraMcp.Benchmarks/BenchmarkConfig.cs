using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace OuraMcp.Benchmarks;

/// <summary>
/// The one configuration every benchmark here runs with: in-process, short but with enough iterations for an error
/// bar, medians and tail, allocations, and ratios computed within each category against its baseline.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            // BenchmarkDotNet 0.14.0 does not know .NET 10 well enough to generate and build a project per benchmark;
            // running in this (Release) process avoids that and the extra builds on a shared 2-core machine.
            .WithToolchain(InProcessEmitToolchain.Instance)
            // ShortRun-like (one launch, 3 warmups) but 15 measured iterations rather than 3, so the error bar means something.
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("InProcess-Short"));

        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        AddColumn(new PayloadBytesColumn(), new ThroughputColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddExporter(DefaultConfig.Instance.GetExporters().ToArray());
        AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray());
        AddValidator(DefaultConfig.Instance.GetValidators().ToArray());
        // A Debug build would measure the JIT's unoptimised code: refuse to report it at all.
        AddValidator(JitOptimizationsValidator.FailOnError);

        // Each pair (raw vs client, per call) has its own baseline, so ratios compare like with like.
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
