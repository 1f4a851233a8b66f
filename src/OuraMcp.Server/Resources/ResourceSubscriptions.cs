using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Resources;

/// <summary>
/// Who wants to hear of which resource: per person and URI, the sessions that subscribed (<c>resources/subscribe</c>,
/// protocol 2025-11-25 and earlier) and the open <c>subscriptions/listen</c> streams that asked for it (2026-07-28, see
/// <see cref="ResourceListen"/>). Kept in memory, so a restart forgets them (clients subscribe again when they
/// reconnect). Whatever learns of a change (the history store, on a webhook or a sync) calls
/// <see cref="NotifyUpdatedAsync"/>; nothing here polls Oura.
/// </summary>
public sealed class ResourceSubscriptions
{
    // A subscribed session is keyed by its session id, not by the McpServer a request carries: each request may carry
    // its own wrapper of the session. A stdio session has no id; there is one per process, so the empty key is it.
    // A listen stream is keyed by an id of its own: request ids repeat across sessions and stateless requests.
    private readonly ConcurrentDictionary<(string Person, string Uri), ConcurrentDictionary<string, Recipient>> _recipients = new();

    /// <summary>The URIs <paramref name="personId"/> has a subscription to, in any session or stream.</summary>
    public IReadOnlyList<string> UrisOf(string personId) =>
        [.. _recipients.Where(s => s.Key.Person == personId && !s.Value.IsEmpty).Select(s => s.Key.Uri).Order(StringComparer.Ordinal)];

    /// <summary>Sends <c>notifications/resources/updated</c> to every session and stream of the person subscribed to the URI.</summary>
    /// <returns>How many sessions and streams were told.</returns>
    public async Task<int> NotifyUpdatedAsync(string personId, string uri, CancellationToken cancellationToken)
    {
        if (!_recipients.TryGetValue((personId, uri), out var recipients)) return 0;
        var told = 0;
        foreach (var (key, recipient) in recipients)
        {
            try
            {
                await recipient.Server.SendNotificationAsync(
                    NotificationMethods.ResourceUpdatedNotification,
                    new ResourceUpdatedNotificationParams { Uri = uri, Meta = recipient.Meta() },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                told++;
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The session or stream ended without saying so: forget it.
                recipients.TryRemove(key, out _);
            }
        }

        return told;
    }

    /// <summary>
    /// Tells <paramref name="stream"/> (the server of a <c>subscriptions/listen</c> request, which answers over that
    /// request's own stream) of changes to <paramref name="uris"/> until the returned registration is disposed; each
    /// notification carries <paramref name="subscriptionId"/>.
    /// </summary>
    internal IDisposable Listen(string personId, IReadOnlyCollection<string> uris, McpServer stream, JsonNode subscriptionId)
    {
        var key = "listen:" + Guid.NewGuid().ToString("N");
        var recipient = new Recipient(stream, subscriptionId);
        foreach (var uri in uris) _recipients.GetOrAdd((personId, uri), _ => new())[key] = recipient;
        return new Registration(() =>
        {
            foreach (var uri in uris)
                if (_recipients.TryGetValue((personId, uri), out var recipients)) recipients.TryRemove(key, out _);
        });
    }

    /// <summary>The <c>resources/subscribe</c> handler: any URI the server can read may be subscribed to.</summary>
    public static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        subscriptions._recipients.GetOrAdd((person.Id, uri), _ => new())[SessionKey(request.Server)] = new Recipient(request.Server, null);
        return new EmptyResult();
    }

    /// <summary>The <c>resources/unsubscribe</c> handler; unsubscribing from what was never subscribed to is no error.</summary>
    public static async ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        if (subscriptions._recipients.TryGetValue((person.Id, uri), out var recipients)) recipients.TryRemove(SessionKey(request.Server), out _);
        return new EmptyResult();
    }

    /// <summary>The person asking, or the sentence that says how to sign in.</summary>
    internal static async ValueTask<Person> PersonAsync<T>(RequestContext<T> request, CancellationToken cancellationToken)
    {
        try
        {
            return await WhoIsAsking.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException
                                  && OuraFailures.ToMcp(e, request.Services?.GetService<ISignInHint>() ?? new LocalSignInHint()) is { } failure)
        {
            throw failure;
        }
    }

    private static string SessionKey(McpServer server) => "session:" + (server.SessionId ?? "");

    private static string Checked(string? uri)
    {
        _ = ResourceAddress.Parse(uri);
        return uri!;
    }

    /// <summary>Where to send an update, and for a listen stream, the id that tells its notifications apart from other streams'.</summary>
    private sealed record Recipient(McpServer Server, JsonNode? SubscriptionId)
    {
        public JsonObject? Meta() => SubscriptionId is null ? null : new JsonObject { [MetaKeys.SubscriptionId] = SubscriptionId.DeepClone() };
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
