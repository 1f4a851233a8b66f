using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OuraMcp.Accounts.Storage;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Http;

/// <summary>
/// Changes to people's histories heard by every instance on one PostgreSQL: an announcement is a <c>NOTIFY</c> on one
/// channel (<see cref="HistoryChangeMessages"/>), and each instance, this one included, keeps a <c>LISTEN</c> connection
/// open and tells its own subscribers (<see cref="ResourceSubscriptions"/>). So a person listening through instance B
/// hears of a webhook processed, or a sync run, on instance A.
/// <para>
/// The channel is named after the schema the connection string selects: deployments sharing a database in separate
/// schemas do not hear each other. A notification sent while an instance's listener is reconnecting is lost to it, as
/// is any update to a client that is not connected: updates are hints to read again, never the data itself. When the
/// database cannot be told, the change is delivered to this instance's subscribers alone.
/// </para>
/// </summary>
internal sealed partial class PostgresHistoryChanges : BackgroundService, IHistoryChanges
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenConnectionString;
    private readonly string _channel;
    private readonly ResourceSubscriptions _subscriptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<HistoryChange> _heard = Channel.CreateUnbounded<HistoryChange>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _listening;
    private int _publishFailing;

    /// <param name="connectionString">The token store's PostgreSQL (either form people paste).</param>
    /// <param name="subscriptions">This instance's subscribers.</param>
    /// <param name="time">For the waits between reconnections.</param>
    /// <param name="logger">Where outages are told, without the connection string.</param>
    public PostgresHistoryChanges(string connectionString, ResourceSubscriptions subscriptions, TimeProvider time, ILogger<PostgresHistoryChanges> logger)
    {
        var builder = PostgresConnection.Parse(connectionString);
        _channel = ChannelOf(builder);
        // An announcement waits on the database only briefly: past it, this instance's subscribers are told directly.
        builder.Timeout = 5;
        builder.CommandTimeout = 5;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var listen = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            // Named, so that an operator sees in pg_stat_activity whose idle connection it is; kept alive, so that a
            // connection dropped without a word (a failover, a NAT timeout) is noticed and replaced.
            ApplicationName = $"{builder.ApplicationName} {_channel}",
            KeepAlive = 30,
            Timeout = 10,
            CommandTimeout = 10,
            Pooling = false,
        };
        _listenConnectionString = listen.ConnectionString;
        _subscriptions = subscriptions;
        _time = time;
        _logger = logger;
    }

    /// <summary>The channel of the deployment <paramref name="builder"/>'s schema holds (a PostgreSQL identifier, safe unquoted).</summary>
    internal static string ChannelOf(NpgsqlConnectionStringBuilder builder) =>
        "oura_mcp_updates_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.SearchPath ?? "")))[..16];

    /// <summary>Whether the <c>LISTEN</c> connection is open now.</summary>
    internal bool Listening => _listening;

    public async Task AnnounceAsync(HistoryChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // While this instance's own listener is away it would not hear itself: its subscribers are told directly.
        var toldHere = !_listening;
        if (toldHere) await _subscriptions.NotifyChangedAsync(change, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var payload in HistoryChangeMessages.Encode(change))
            {
                var notify = _dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
                await using var notifyDisposal = notify.ConfigureAwait(false);
                notify.Parameters.AddWithValue("channel", _channel);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _publishFailing, 0);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Once per outage: every change until the database is back would say the same.
            if (Interlocked.Exchange(ref _publishFailing, 1) == 0) LogPublishFailed(_logger, e.GetType().Name, (e as PostgresException)?.SqlState ?? "none");
            if (!toldHere) await _subscriptions.NotifyChangedAsync(change, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(ListenAsync(stoppingToken), DeliverAsync(stoppingToken)).ConfigureAwait(false);
    }

    /// <summary>Keeps one <c>LISTEN</c> connection open until the server stops, opening another after any failure.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(_listenConnectionString);
                await using var connectionDisposal = connection.ConfigureAwait(false);
                connection.Notification += Heard;
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                var listen = new NpgsqlCommand($"LISTEN {_channel}", connection);
                await using (listen.ConfigureAwait(false)) await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                _listening = true;
                if (failures > 0) LogListeningAgain(_logger, failures);
                failures = 0;
                while (true) await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                // The database restarted, dropped the connection or is away: said once per outage, without a stack trace.
                if (failures == 1)
                {
                    if (e is NpgsqlException or TimeoutException or IOException) LogListenLost(_logger, e.GetType().Name, (e as PostgresException)?.SqlState ?? "none");
                    else LogListenFailed(_logger, e);
                }
            }
            finally
            {
                _listening = false;
            }

            var wait = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 5)));
            await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Heard(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel != _channel) return;
        if (HistoryChangeMessages.Decode(notification.Payload) is { } change) _heard.Writer.TryWrite(change);
        else LogUnreadable(_logger, notification.Payload.Length);
    }

    /// <summary>Tells this instance's subscribers what the listener heard, off the connection's own loop.</summary>
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in _heard.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await _subscriptions.NotifyChangedAsync(change, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeliveryFailed(_logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource updates could not be sent to the other instances through PostgreSQL ({Error}, SQLSTATE {SqlState}); this instance's own subscribers are told until it can (logged once per outage)")]
    private static partial void LogPublishFailed(ILogger logger, string error, string sqlState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that hears other instances' resource updates ({Error}, SQLSTATE {SqlState}); reconnecting")]
    private static partial void LogListenLost(ILogger logger, string error, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "The PostgreSQL connection that hears other instances' resource updates failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hearing other instances' resource updates through PostgreSQL again, after {Failures} failed attempt(s)")]
    private static partial void LogListeningAgain(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a resource update notification of {Length} characters that is not one this server sends")]
    private static partial void LogUnreadable(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A resource update heard from another instance could not be delivered ({Error})")]
    private static partial void LogDeliveryFailed(ILogger logger, string error);
}
