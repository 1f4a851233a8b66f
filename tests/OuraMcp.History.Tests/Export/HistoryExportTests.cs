using System.Text.Json;
using DuckDB.NET.Data;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Export;
using OuraMcp.History.Storage;
using OuraMcp.History.Tests.Support;
using OuraMcp.Oura.Catalog;
using Parquet;

namespace OuraMcp.History.Tests.Export;

/// <summary>
/// Each export format opened with its own reader after a real sync: one table per collection, every stored document a
/// row, nested members flattened into typed columns, and values equal to the raw documents'.
/// </summary>
public sealed class HistoryExportTests : IAsyncLifetime
{
    private static readonly DateOnly LastDay = new(2026, 3, 20);

    private readonly TempDirectory _directory = new();
    private SqliteHistoryStore _store = null!;
    private IReadOnlyList<HistoryDocument> _sleep = [];

    public async Task InitializeAsync()
    {
        await using var harness = new SyncHarness(FakePeople.Create("short", FakePeople.DemoSeed, SyncHarness.Zone, LastDay.AddDays(-20), LastDay), LastDay);
        _store = new SqliteHistoryStore(_directory.File("history.db"));
        await harness.Sync(_store).RunAsync(harness.Request(), null, default);
        _sleep = await _store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DuckDB_gets_one_typed_table_per_collection_with_every_document()
    {
        var path = _directory.File("out/oura.duckdb");
        var report = await HistoryExport.WriteAsync(_store, "alice", ExportFormat.DuckDb, path, default);

        await using var connection = new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync();
        var tables = await ColumnAsync<string>(connection, "SELECT table_name FROM information_schema.tables ORDER BY 1");
        tables.Should().BeEquivalentTo(report.Rows.Keys).And.Contain(["daily_sleep", "heartrate", "vo2_max", "personal_info"]);
        foreach (var (table, rows) in report.Rows)
            (await ColumnAsync<long>(connection, $"SELECT COUNT(*) FROM \"{table}\"")).Single().Should().Be(rows, table);
        report.Rows["daily_sleep"].Should().Be(_sleep.Count);

        var types = (await RowsAsync(connection, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'daily_sleep'"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        types["day"].Should().Be("DATE");
        types["score"].Should().Be("BIGINT");
        types["contributors_deep_sleep"].Should().Be("BIGINT");
        types["timestamp"].Should().StartWith("TIMESTAMP");
        (await RowsAsync(connection, "SELECT data_type FROM information_schema.columns WHERE table_name = 'heartrate' AND column_name = 'bpm'")).Single()[0].Should().Be("BIGINT");

        var expected = _sleep[^1];
        using var json = JsonDocument.Parse(expected.Json);
        var row = (await RowsAsync(connection, $"SELECT day, score, contributors_deep_sleep FROM daily_sleep WHERE id = '{expected.Id}'")).Single();
        row[0].Should().Be(expected.Day!.Value);
        row[1].Should().Be(json.RootElement.GetProperty("score").GetInt64());
        row[2].Should().Be(json.RootElement.GetProperty("contributors").GetProperty("deep_sleep").GetInt64());
    }

    [Fact]
    public async Task Parquet_gets_a_file_per_collection_with_typed_columns()
    {
        var folder = _directory.File("parquet");
        var report = await HistoryExport.WriteAsync(_store, "alice", ExportFormat.Parquet, folder, default);

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(report.Rows.Keys.Select(k => k + ".parquet"));
        await using var stream = File.OpenRead(Path.Combine(folder, "daily_sleep.parquet"));
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        // Parquet.Net reads a DATE column as DateTime by default; DuckDB below tells DATE from TIMESTAMP.
        fields["day"].ClrType.Should().Be<DateTime>();
        fields["score"].ClrType.Should().Be<long>();
        using var group = reader.OpenRowGroupReader(0);
        group.RowCount.Should().Be(_sleep.Count);
        var days = new DateTime?[group.RowCount];
        await group.ReadAsync<DateTime>(fields["day"], days);
        days.Should().Equal(_sleep.Select(d => (DateTime?)d.Day!.Value.ToDateTime(TimeOnly.MinValue)));

        await using var duckdb = new DuckDBConnection("Data Source=:memory:");
        await duckdb.OpenAsync();
        var types = (await RowsAsync(duckdb, $"DESCRIBE SELECT day, timestamp, score FROM read_parquet('{Path.Combine(folder, "daily_sleep.parquet")}')"))
            .Select(r => (string)r[1]!).ToList();
        types[0].Should().Be("DATE");
        types[1].Should().StartWith("TIMESTAMP");
        types[2].Should().Be("BIGINT");
    }

    [Fact]
    public async Task CSV_gets_a_header_and_a_line_per_document_and_JSON_Lines_the_raw_documents()
    {
        var csv = _directory.File("csv");
        await HistoryExport.WriteAsync(_store, "alice", ExportFormat.Csv, csv, default);
        var lines = await File.ReadAllLinesAsync(Path.Combine(csv, "daily_sleep.csv"));
        lines.Should().HaveCount(_sleep.Count + 1);
        var header = lines[0].Split(',');
        header.Should().Contain(["id", "day", "score", "contributors_deep_sleep"]);
        lines[^1].Split(',')[Array.IndexOf(header, "day")].Should().Be($"{_sleep[^1].Day:yyyy-MM-dd}");

        var jsonl = _directory.File("jsonl");
        await HistoryExport.WriteAsync(_store, "alice", ExportFormat.Jsonl, jsonl, default);
        (await File.ReadAllLinesAsync(Path.Combine(jsonl, "daily_sleep.jsonl"))).Should().Equal(_sleep.Select(d => d.Json));
    }

    [Fact]
    public void An_unknown_format_names_the_ones_there_are()
    {
        var parse = () => HistoryExport.ParseFormat("xlsx");
        parse.Should().Throw<ArgumentException>().WithMessage("*duckdb*parquet*csv*jsonl*");
    }

    private static async Task<List<T>> ColumnAsync<T>(DuckDBConnection connection, string sql) =>
        (await RowsAsync(connection, sql)).Select(r => (T)r[0]!).ToList();

    private static async Task<List<object?[]>> RowsAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
