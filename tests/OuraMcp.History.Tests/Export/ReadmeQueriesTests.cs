using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Export;
using OuraMcp.History.Storage;
using OuraMcp.History.Tests.Support;

namespace OuraMcp.History.Tests.Export;

/// <summary>The README's example queries run against a real export and answer with rows, so the examples cannot rot.</summary>
public sealed partial class ReadmeQueriesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_example_query_in_the_README_answers_rows_from_a_DuckDB_export()
    {
        var lastDay = new DateOnly(2026, 3, 20);
        await using var harness = new SyncHarness(FakePeople.Create("short", FakePeople.DemoSeed, SyncHarness.Zone, lastDay.AddDays(-60), lastDay), lastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        await harness.Sync(store).RunAsync(harness.Request(), null, default);
        var path = _directory.File("oura.duckdb");
        await HistoryExport.WriteAsync(store, "alice", ExportFormat.DuckDb, path, default);

        var queries = ExampleQueries();
        queries.Should().HaveCount(3);
        await using var connection = new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue($"the README's query answers rows:\n{query}");
            Enumerable.Range(0, reader.FieldCount).Should().Contain(i => !reader.IsDBNull(i), query);
        }
    }

    private static List<string> ExampleQueries()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OuraMcp.sln"))) dir = dir.Parent;
        var readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        var start = readme.IndexOf("<!-- history-sql:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- history-sql:end -->", StringComparison.Ordinal);
        return SqlBlock().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
