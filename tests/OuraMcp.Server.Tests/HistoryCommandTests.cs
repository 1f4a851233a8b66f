using OuraMcp.History.Export;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Cli;

namespace OuraMcp.Server.Tests;

/// <summary>
/// <c>sync</c> and <c>export</c> as a person types them: parsed, then run on the demo person into a history file the
/// environment names, with plain lines because the output is not a terminal.
/// </summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oura-history-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private string? Environment(string name) => name == HistoryStores.Variable ? Path.Combine(_directory, "history.db") : null;

    [Fact]
    public void Sync_and_export_options_are_parsed_and_belong_to_their_command()
    {
        var sync = CommandLine.Parse(["--demo", "sync", "--since", "2026-01-01", "--collections", "daily_sleep,vo2_max"], Environment);
        sync.Kind.Should().Be(CommandKind.Sync);
        sync.History.Since.Should().Be(new DateOnly(2026, 1, 1));
        sync.History.Collections.Should().Equal(OuraCatalog.DailySleep, OuraCatalog.VO2Max);

        var export = CommandLine.Parse(["export", "--format=parquet", "--out", "x"], Environment);
        export.Kind.Should().Be(CommandKind.Export);
        export.History.Format.Should().Be(ExportFormat.Parquet);
        export.History.Out.Should().Be("x");
        CommandLine.Parse(["export"], Environment).History.Format.Should().Be(ExportFormat.DuckDb);

        var unknown = () => CommandLine.Parse(["sync", "--collections", "sleep,naps"], Environment);
        unknown.Should().Throw<UsageException>().WithMessage("Unknown collection naps. Collections: personal_info, *");
        var badDay = () => CommandLine.Parse(["sync", "--since", "yesterday"], Environment);
        badDay.Should().Throw<UsageException>().WithMessage("--since takes a day as yyyy-MM-dd*");
        var badFormat = () => CommandLine.Parse(["export", "--format", "xlsx"], Environment);
        badFormat.Should().Throw<UsageException>().WithMessage("*duckdb*parquet*csv*jsonl*");
        var misplaced = () => CommandLine.Parse(["export", "--since", "2026-01-01"], Environment);
        misplaced.Should().Throw<UsageException>().WithMessage("Unknown option '--since'.");
    }

    [Fact]
    public async Task Demo_sync_prints_a_line_per_collection_and_demo_export_writes_the_tables()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var synced = await HistoryCommands.SyncAsync(
            CommandLine.Parse(["--demo", "sync", "--collections", "daily_sleep,workout"], Environment), output, error, default);

        synced.Should().Be(ExitCodes.Ok, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be($"Syncing demo's Oura history into {Path.Combine(_directory, "history.db")}.");
        lines.Should().Contain(l => l.StartsWith("[", StringComparison.Ordinal) && l.Contains("] daily_sleep: 400 documents", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("] workout: ", StringComparison.Ordinal));
        lines[^1].Should().MatchRegex(@"^Synced \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: \d+ documents from \d+ Oura calls in [\d.]+ s\.$");

        output.GetStringBuilder().Clear();
        var csv = Path.Combine(_directory, "csv");
        var exported = await HistoryCommands.ExportAsync(CommandLine.Parse(["--demo", "export", "--format", "csv", "--out", csv], Environment), output, error, default);

        exported.Should().Be(ExitCodes.Ok, error.ToString());
        output.ToString().Should().Contain($"as csv to {csv} (");
        File.ReadAllLines(Path.Combine(csv, "daily_sleep.csv")).Should().HaveCount(401);
        File.ReadAllLines(Path.Combine(csv, "heartrate.csv")).Length.Should().BeGreaterThan(100_000);
    }

    [Fact]
    public async Task Export_of_an_empty_history_says_to_sync_first()
    {
        var error = new StringWriter();
        var command = CommandLine.Parse(["export", "--out", Path.Combine(_directory, "x.duckdb")], name => name == "OURA_ACCESS_TOKEN" ? "token" : Environment(name));

        var code = await HistoryCommands.ExportAsync(command, new StringWriter(), error, default);

        code.Should().Be(ExitCodes.ToolError);
        error.ToString().Should().Contain("holds nothing for default: run `OuraMcp.Server sync` first.");
        File.Exists(Path.Combine(_directory, "x.duckdb")).Should().BeFalse("nothing is written when there is nothing to export");
    }
}
