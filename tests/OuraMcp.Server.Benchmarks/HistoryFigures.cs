using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using OuraMcp.FakeOura;
using OuraMcp.History.Storage;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- history</c>: a year of daily sleep (<c>get_sleep</c> over 365 days) asked through the
/// real server, with and without the local history, side by side in one run against the demo person's data: Oura
/// calls and time for the first (cold) and the next (warm) question, then the latency of the warm question over many
/// repeats. Oura is the in-process fake, so "without" is a lower bound: the real API adds a network round trip per call.
/// </summary>
public static class HistoryFigures
{
    private const int Repeats = 200;

    public static async Task PrintAsync(TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("oura-history-figures-");
        try
        {
            var (client, fake, owner) = DemoServer.CreateUpstream();
            await using var _ = owner;
            var store = new SqliteHistoryStore(Path.Combine(directory.FullName, "history.db"));
            await using var withHistory = await InProcessServer.StartAsync(DemoServer.Settings, services =>
            {
                services.AddSingleton(client);
                services.AddSingleton(new PersonHistory(store, () => store, TimeProvider.System));
            });
            await using var without = await DemoServer.StartAsync(client);

            var today = DemoServer.Today;
            var year = new Dictionary<string, object?>
            {
                ["start_date"] = today.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end_date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };

            output.WriteLine("| a year of daily sleep (get_sleep, 365 days) | Oura calls | time |");
            output.WriteLine("|---|---:|---:|");
            foreach (var (label, server) in new[] { ("without a history, first", without), ("without a history, again", without), ("with the history, cold", withHistory), ("with the history, warm", withHistory) })
            {
                var (calls, elapsed) = await TimedAsync(server.Client, fake, year);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {calls} | {elapsed.TotalMilliseconds:0.0} ms |"));
            }

            output.WriteLine();
            output.WriteLine($"| {Repeats} repeats of the year-long question | p50 | p99 | Oura calls |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var (label, server) in new[] { ("without a history", without), ("from the history", withHistory) })
            {
                var times = new List<double>(Repeats);
                var calls = 0;
                for (var i = 0; i < Repeats; i++)
                {
                    var (c, elapsed) = await TimedAsync(server.Client, fake, year);
                    calls += c;
                    times.Add(elapsed.TotalMilliseconds);
                }
                times.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {times[Repeats / 2]:0.0} ms | {times[(int)(Repeats * 0.99) - 1]:0.0} ms | {calls} |"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int Calls, TimeSpan Elapsed)> TimedAsync(McpClient client, FakeOuraServer fake, Dictionary<string, object?> arguments)
    {
        var before = fake.Requests.Count("/v2/usercollection/");
        var clock = Stopwatch.StartNew();
        var result = await client.CallToolAsync("get_sleep", arguments).ConfigureAwait(false);
        clock.Stop();
        if (result.IsError == true) throw new InvalidOperationException("get_sleep failed during the measurement.");
        return (fake.Requests.Count("/v2/usercollection/") - before, clock.Elapsed);
    }
}
