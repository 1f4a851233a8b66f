using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- sizes [--show]</c> prints answer sizes against raw Oura JSON (and the answers); <c>-- history</c>
/// the Oura calls and latency of a year-long question with and without the local history; <c>hosted [load|auth|memory] [--against other/OuraMcp.Server.dll]</c>
/// measures the hosted endpoint (<see cref="Hosted.HostedFigures"/>); any other arguments go to
/// BenchmarkDotNet (e.g. <c>--filter *ToolCall*</c>). Cold start is measured by <c>cold-start.sh</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hosted", ..])
        {
            await Hosted.HostedFigures.RunAsync(Console.Out, args[1..]).ConfigureAwait(false);
            return 0;
        }

        if (args is ["sizes", ..])
        {
            await AnswerSizes.PrintAsync(Console.Out, showAnswers: args.Contains("--show")).ConfigureAwait(false);
            return 0;
        }

        if (args is ["history", ..])
        {
            await HistoryFigures.PrintAsync(Console.Out).ConfigureAwait(false);
            return 0;
        }

        // In process: BenchmarkDotNet's default toolchain generates and builds a project per run, which needs package
        // versions this machine's NuGet source does not serve.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
