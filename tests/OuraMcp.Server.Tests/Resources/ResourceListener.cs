using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Tests.Resources;

/// <summary>
/// A client's <c>subscriptions/listen</c> request (protocol 2026-07-28), held open until disposed: what the server
/// acknowledged, and every <c>notifications/resources/updated</c> that came with this stream's subscription id. The
/// SDK client has no method for it, so the request goes through its <see cref="McpSession.SendRequestAsync"/>.
/// </summary>
internal sealed class ResourceListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IAsyncDisposable> _handlers = [];
    private readonly TaskCompletionSource<JsonObject> _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _updated = [];
    private Task<JsonRpcResponse>? _request;
    private string? _subscriptionId;
    private bool _disposed;

    /// <summary>The URIs told so far, in order.</summary>
    public IReadOnlyList<string> Updated
    {
        get { lock (_updated) return [.. _updated]; }
    }

    /// <summary>The request, which ends only when cancelled or when the server ends it.</summary>
    public Task<JsonRpcResponse> Request => _request!;

    /// <summary>Opens the stream and waits for the acknowledgement; returns the resource URIs it granted.</summary>
    public static async Task<(ResourceListener Listener, IReadOnlyList<string> Granted)> OpenAsync(McpClient client, params string[] uris)
    {
        var listener = new ResourceListener();
        listener._handlers.Add(client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            listener._acknowledged.TrySetResult(n.Params!.AsObject());
            return ValueTask.CompletedTask;
        }));
        listener._handlers.Add(client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) =>
        {
            // A client may hold several streams on one channel: the subscription id says which one a notification is for.
            var id = n.Params?["_meta"]?[MetaKeys.SubscriptionId]?.ToJsonString();
            lock (listener._updated)
                if (id is not null && id == listener._subscriptionId) listener._updated.Add(n.Params!["uri"]!.GetValue<string>());
            return ValueTask.CompletedTask;
        }));
        var request = new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = JsonSerializer.SerializeToNode(
                new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ResourceSubscriptions = uris, ToolsListChanged = true } },
                McpJsonUtilities.DefaultOptions),
        };
        listener._request = client.SendRequestAsync(request, listener._stop.Token);
        var acknowledged = await listener._acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(20));
        lock (listener._updated) listener._subscriptionId = acknowledged["_meta"]![MetaKeys.SubscriptionId]!.ToJsonString();
        var granted = acknowledged["notifications"]!["resourceSubscriptions"]?.AsArray().Select(u => u!.GetValue<string>()).ToList() ?? [];
        acknowledged["notifications"]!["toolsListChanged"].Should().BeNull("the server never announces list changes, so it grants none");
        return (listener, granted);
    }

    /// <summary>Waits until <paramref name="count"/> updates came.</summary>
    public async Task WaitForAsync(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (Updated.Count < count && DateTime.UtcNow < until) await Task.Delay(20);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        if (_request is not null) await ((Task)_request).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var handler in _handlers) await handler.DisposeAsync();
        _stop.Dispose();
    }
}
