using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.Querying;

/// <summary>
/// Sends a tool call's progress notifications, when the client sent a progress token. Unlike the SDK's
/// fire-and-forget sink, notifications go out one after another (never overtaking each other) and
/// <see cref="FlushAsync"/> lets the tool finish them before its result, after which a client would drop them.
/// </summary>
public sealed class ProgressSender(RequestContext<CallToolRequestParams> context)
{
    private readonly Lock _gate = new();
    private Task _sending = Task.CompletedTask;

    /// <summary>Sends the notification <paramref name="make"/> builds, made under the sender's lock so values only grow.</summary>
    public void Send(Func<ProgressNotificationValue> make)
    {
        if (context.Params?.ProgressToken is not { } token) return;
        var server = context.Server;
        lock (_gate)
        {
            var notification = make();
            _sending = _sending
                .ContinueWith(_ => server.NotifyProgressAsync(token, notification), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Unwrap()
                // A lost notification must never fail the tool: progress is a courtesy.
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Waits until every notification sent so far has been written.</summary>
    public Task FlushAsync()
    {
        lock (_gate) return _sending;
    }
}
