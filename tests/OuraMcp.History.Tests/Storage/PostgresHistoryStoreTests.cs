using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.History.Tests.Storage;

/// <summary>The store contract over a real PostgreSQL server, each test in a schema of its own; and errors that never show the password.</summary>
[RequiresPostgres]
public sealed class PostgresHistoryStoreTests : HistoryStoreContract
{
    private readonly string _schema = "";
    private readonly string _connectionString = "";
    private readonly List<PostgresHistoryStore> _stores = [];

    public PostgresHistoryStoreTests()
    {
        if (PostgresTestServer.IsAvailable) _connectionString = PostgresTestServer.CreateSchema(out _schema);
        else if (PostgresTestServer.InCi) throw new InvalidOperationException(PostgresTestServer.MissingReason);
    }

    protected override IHistoryStore CreateStore()
    {
        var store = new PostgresHistoryStore(_connectionString);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        foreach (var store in _stores) store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_schema.Length > 0) PostgresTestServer.DropSchema(_connectionString, _schema);
    }

    [PostgresFact]
    public async Task A_server_that_refuses_the_password_gives_a_sentence_without_the_password()
    {
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(_connectionString) { Password = "not-the-password-7f3a", Timeout = 5 };
        await using var store = new PostgresHistoryStore(wrong.ConnectionString);

        var read = () => store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default);

        var message = (await read.Should().ThrowAsync<HistoryStoreException>()).Which.Message;
        message.Should().Contain(store.Location).And.NotContain("not-the-password-7f3a");
        if (PostgresTestServer.Password.Length > 0) message.Should().NotContain(PostgresTestServer.Password);
    }
}
