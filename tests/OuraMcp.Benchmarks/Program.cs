using BenchmarkDotNet.Running;
using OuraMcp.Benchmarks;

// dotnet run -c Release --project tests/OuraMcp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
