using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.History.Export;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.Hosting;
using Spectre.Console;

namespace OuraMcp.Server.Cli;

/// <summary>
/// <c>sync</c> and <c>export</c>: the signed-in account's (or with <c>--demo</c>, the demo person's) history, kept in
/// the store <c>OURA_HISTORY_STORE</c> names. A live progress bar on a terminal, plain lines when output is redirected.
/// </summary>
public static class HistoryCommands
{
    /// <summary>Whose rows the history holds: the account the tools read, or the demo person.</summary>
    public static string Person(ServerSettings settings) => settings.Demo ? "demo" : settings.Account;

    public static Task<int> SyncAsync(ParsedCommand command, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        WithBackendAsync(command, error, async (client, time, store) =>
        {
            output.WriteLine($"Syncing {Person(command.Settings)}'s Oura history into {store.Location}.");
            await RunSyncAsync(command, client, time, store, output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken);

    public static Task<int> ExportAsync(ParsedCommand command, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        WithBackendAsync(command, error, async (client, time, store) =>
        {
            var person = Person(command.Settings);
            if (command.Settings.Demo)
            {
                // The demo person's days end today: bring the history up to date first, so the export works on its own.
                output.WriteLine($"Syncing the demo person's history into {store.Location} first.");
                await RunSyncAsync(command with { History = command.History with { Since = null, Collections = null } }, client, time, store, output, cancellationToken)
                    .ConfigureAwait(false);
            }
            if ((await store.CountAsync(person, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                error.WriteLine($"The history in {store.Location} holds nothing for {person}: run `OuraMcp.Server sync` first.");
                return ExitCodes.ToolError;
            }
            var format = command.History.Format;
            var report = await HistoryExport.WriteAsync(store, person, format, command.History.Out ?? HistoryExport.DefaultPath(format), cancellationToken)
                .ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported {report.Rows.Count} tables, {report.Rows.Values.Sum()} rows, as {format.ToString().ToLowerInvariant()} to {report.Path} ({Megabytes(report.Path)})."));
            return ExitCodes.Ok;
        }, cancellationToken);

    private static async Task RunSyncAsync(ParsedCommand command, IOuraClient client, TimeProvider time, IHistoryStore store, TextWriter output, CancellationToken cancellationToken)
    {
        var request = new HistorySyncRequest(Person(command.Settings), command.Settings.TimeZone)
        {
            Since = command.History.Since,
            Collections = command.History.Collections,
        };
        var sync = new HistorySync(client, store, time);
        var clock = Stopwatch.StartNew();
        HistorySyncReport report;
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("planning", maxValue: 1);
                    return await sync.RunAsync(request, new Callback(p =>
                    {
                        task.MaxValue = Math.Max(1, p.WindowsTotal);
                        task.Value = p.WindowsDone;
                        task.Description = p.Collection;
                    }), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            var lines = new PlainLines(output);
            report = await sync.RunAsync(request, new Callback(lines.Report), cancellationToken).ConfigureAwait(false);
            lines.Finish();
        }

        foreach (var skipped in report.Collections.Where(c => c.Skipped is not null))
            output.WriteLine($"Skipped {skipped.Collection}: {skipped.Skipped}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Synced {report.FirstDay:yyyy-MM-dd} to {report.Today:yyyy-MM-dd}: {report.Documents} documents from {report.Calls} Oura calls in {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    private static async Task<int> WithBackendAsync(ParsedCommand command, TextWriter error, Func<IOuraClient, TimeProvider, IHistoryStore, Task<int>> run, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        OuraBackend.Configure(services, command.Settings);
        var provider = services.BuildServiceProvider();
        await using var providerDisposal = provider.ConfigureAwait(false);
        IHistoryStore? store = null;
        try
        {
            store = HistoryStores.Create(command.Settings.AccountEnvironment ?? Environment.GetEnvironmentVariable);
            return await run(provider.GetRequiredService<IOuraClient>(), provider.GetRequiredService<TimeProvider>(), store).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Interrupted. What was fetched is kept: run `OuraMcp.Server sync` again to go on from there.");
            return ExitCodes.ToolError;
        }
        catch (Exception e) when (e is OuraApiException or HistoryStoreException or HistorySyncException or Accounts.Storage.TokenStoreException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.ToolError;
        }
        finally
        {
            if (store is IAsyncDisposable disposable) await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Megabytes(string path)
    {
        var bytes = File.Exists(path) ? new FileInfo(path).Length : Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length);
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:0.0} MB");
    }

    /// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Callback(Action<HistorySyncProgress> report) : IProgress<HistorySyncProgress>
    {
        public void Report(HistorySyncProgress value) => report(value);
    }

    /// <summary>One line per collection when it is done, for logs and pipes.</summary>
    private sealed class PlainLines(TextWriter output)
    {
        private HistorySyncProgress? _current;
        private int _documents;
        private int _calls;

        public void Report(HistorySyncProgress progress)
        {
            if (_current is { } current && current.Collection != progress.Collection) Finish();
            _current = progress;
            _documents += progress.Documents;
            _calls += progress.Calls;
        }

        public void Finish()
        {
            if (_current is not { } current) return;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{current.WindowsDone}/{current.WindowsTotal}] {current.Collection}: {_documents} documents, {_calls} calls"));
            (_current, _documents, _calls) = (null, 0, 0);
        }
    }
}
