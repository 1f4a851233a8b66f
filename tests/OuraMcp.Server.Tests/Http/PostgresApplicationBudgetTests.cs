using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Server.Http;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The Oura app's budget in PostgreSQL, as two instances see it: each budget object has a connection pool of its own,
/// as each server process does, and they share one row.
/// </summary>
public sealed class PostgresApplicationBudgetTests : IDisposable
{
    private readonly string _schema = "";
    private readonly string _connectionString = "";

    public PostgresApplicationBudgetTests()
    {
        if (PostgresTestServer.IsAvailable) _connectionString = PostgresTestServer.CreateSchema(out _schema);
        else if (PostgresTestServer.InCi) throw new InvalidOperationException(PostgresTestServer.MissingReason);
    }

    public void Dispose()
    {
        if (_schema.Length > 0) PostgresTestServer.DropSchema(_connectionString, _schema);
    }

    private PostgresApplicationBudget Budget(int capacity, string clientId = "app", string? connectionString = null, ILogger? logger = null) =>
        new(connectionString ?? _connectionString, clientId, capacity, TimeSpan.FromMinutes(5), TimeProvider.System, logger ?? NullLogger.Instance);

    [OuraMcp.Testing.PostgresFact]
    public async Task Two_instances_taking_at_once_hand_out_the_capacity_once_and_a_returned_request_once_more()
    {
        await using var a = Budget(capacity: 5);
        await using var b = Budget(capacity: 5);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? a : b).TryTakeAsync(TimeSpan.Zero, default).AsTask()));

        answers.Should().OnlyContain(answer => answer != null);
        answers.Count(answer => answer!.Value.Taken).Should().Be(5);
        answers.Where(answer => !answer!.Value.Taken).Should().OnlyContain(answer => answer!.Value.Wait > TimeSpan.FromSeconds(50) && answer.Value.BlockedTier == null);
        await a.ReturnAsync(default);
        (await b.TryTakeAsync(TimeSpan.Zero, default))!.Value.Taken.Should().BeTrue("the request A gave back is B's to take");
        (await b.TryTakeAsync(TimeSpan.Zero, default))!.Value.Taken.Should().BeFalse();
    }

    [OuraMcp.Testing.PostgresFact]
    public async Task A_429_that_one_instance_received_holds_back_the_other_and_another_app_keeps_its_own_budget()
    {
        await using var a = Budget(capacity: 100);
        await using var b = Budget(capacity: 100);
        await using var otherApp = Budget(capacity: 100, clientId: "another-app");

        await a.BlockAsync(TimeSpan.FromSeconds(30), "per-application", default);

        var answer = (await b.TryTakeAsync(TimeSpan.FromSeconds(10), default))!.Value;
        answer.Taken.Should().BeFalse();
        answer.BlockedTier.Should().Be("per-application");
        answer.Wait.Should().BeGreaterThan(TimeSpan.FromSeconds(25));
        (await otherApp.TryTakeAsync(TimeSpan.Zero, default))!.Value.Taken.Should().BeTrue();
    }

    [Fact]
    public async Task An_unreachable_database_gets_no_answer_and_one_warning_without_the_password()
    {
        var logs = new CollectingLogger();
        await using var budget = Budget(capacity: 5, connectionString: "Host=127.0.0.1;Port=1;Username=oura;Password=hunter2-secret;Timeout=2", logger: logs);

        (await budget.TryTakeAsync(TimeSpan.Zero, default)).Should().BeNull("the instance then counts on its own budget");
        (await budget.TryTakeAsync(TimeSpan.Zero, default)).Should().BeNull();

        logs.Lines.Should().ContainSingle().Which.Should().Contain("counts its own requests").And.NotContain("hunter2");
    }

    private sealed class CollectingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception) + (exception is null ? "" : "\n" + exception));
        }
    }
}
