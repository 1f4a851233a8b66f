using Microsoft.Data.Sqlite;
using OuraMcp.History.Storage;
using OuraMcp.History.Tests.Support;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Tests.Storage;

/// <summary>The store contract over a SQLite file, and what only the file store promises: WAL, and a clear sentence for a file that is not a database.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override IHistoryStore CreateStore() => new SqliteHistoryStore(_directory.File("data/history.db"));

    public override void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_file_is_created_in_its_folder_in_WAL_mode()
    {
        await CreateStore().SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 1, [Doc("a", 1)]), default);

        using var connection = new SqliteConnection($"Data Source={_directory.File("data/history.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().Should().Be("wal");
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_a_sentence_that_names_it_and_is_left_alone()
    {
        var path = _directory.File("history.db");
        await File.WriteAllTextAsync(path, "these are my notes, not a database, and they are long enough to fill a header page");
        var store = new SqliteHistoryStore(path);

        var read = () => store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default);

        (await read.Should().ThrowAsync<HistoryStoreException>()).Which.Message.Should().Contain(path).And.Contain("is not a SQLite database");
        (await File.ReadAllTextAsync(path)).Should().StartWith("these are my notes");
    }
}
