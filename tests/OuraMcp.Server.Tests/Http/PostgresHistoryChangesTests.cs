using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Npgsql;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Http;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tests.Http.OAuth;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The PostgreSQL announcer in one process: a change reaches this instance's listener exactly once, through the
/// database when it is there and directly when it is not, with one warning that names no secret.
/// </summary>
public sealed class PostgresHistoryChangesTests
{
    private const string Uri = "oura://day/2026-01-02";

    private static readonly HistoryChange Change =
        new("alice", [new ChangedDays(OuraCatalog.DailySleep, new HashSet<DateOnly> { new(2026, 1, 2) })]);

    [Fact]
    public async Task Without_the_database_a_change_is_told_here_once_and_one_warning_says_so_without_secrets()
    {
        const string password = "pw-that-must-not-show-3141";
        var connection = $"Host=127.0.0.1;Port={OAuthServerFixture.FreePort()};Database=oura;Username=oura;Password={password};Timeout=2";
        var (subscriptions, stream) = Listening();
        var logger = new CapturingLogger();
        using var changes = new PostgresHistoryChanges(connection, subscriptions, TimeProvider.System, logger);
        await changes.StartAsync(CancellationToken.None);

        await changes.AnnounceAsync(Change, CancellationToken.None);
        await changes.AnnounceAsync(Change, CancellationToken.None);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await changes.StopAsync(CancellationToken.None);

        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "stopping ends the reconnection loop at once");
        stream.Told.Should().Equal([Uri, Uri], "each change is told to this instance's listener once");
        logger.Lines.Where(l => l.Level == LogLevel.Warning && l.Text.Contains("could not be sent", StringComparison.Ordinal))
            .Should().ContainSingle("one warning per outage, not one per change");
        logger.Lines.Should().OnlyContain(l => l.Exception == null, "a database that is away is a known outage: no stack trace");
        logger.Lines.Should().NotContain(l => l.Text.Contains(password, StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task With_the_database_a_change_comes_back_through_LISTEN_once()
    {
        var connection = new NpgsqlConnectionStringBuilder(PostgresOAuthFixture.Admin) { SearchPath = "t_" + Guid.NewGuid().ToString("N")[..16] }.ConnectionString;
        var (subscriptions, stream) = Listening();
        var logger = new CapturingLogger();
        using var changes = new PostgresHistoryChanges(connection, subscriptions, TimeProvider.System, logger);
        await changes.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && !changes.Listening; i++) await Task.Delay(50);
        changes.Listening.Should().BeTrue();

        await changes.AnnounceAsync(Change, CancellationToken.None);
        await changes.AnnounceAsync(Change with { PersonId = "bob" }, CancellationToken.None);
        for (var i = 0; i < 200 && stream.Told.Count == 0; i++) await Task.Delay(50);
        await Task.Delay(300);
        await changes.StopAsync(CancellationToken.None);

        stream.Told.Should().Equal([Uri], "told once, by the listener, and not for Bob's change");
        logger.Lines.Should().NotContain(l => l.Level >= LogLevel.Warning);
    }

    private static (ResourceSubscriptions Subscriptions, RecordingStream Stream) Listening()
    {
        var subscriptions = new ResourceSubscriptions();
        var stream = new RecordingStream();
        subscriptions.Listen("alice", [Uri], McpServer.Create(stream, new McpServerOptions()), JsonValue.Create("listen-1"));
        return (subscriptions, stream);
    }

    /// <summary>The transport under a listen stream's server, reduced to what it was told.</summary>
    private sealed class RecordingStream : ITransport
    {
        private readonly List<string> _told = [];
        private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateUnbounded<JsonRpcMessage>();

        public IReadOnlyList<string> Told
        {
            get { lock (_told) return [.. _told]; }
        }

        public string? SessionId => null;

        public ChannelReader<JsonRpcMessage> MessageReader => _incoming.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            if (message is JsonRpcNotification { Method: NotificationMethods.ResourceUpdatedNotification } notification)
                lock (_told) _told.Add(notification.Params!["uri"]!.GetValue<string>());
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CapturingLogger : ILogger<PostgresHistoryChanges>
    {
        private readonly List<(LogLevel Level, string Text, Exception? Exception)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Text, Exception? Exception)> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
