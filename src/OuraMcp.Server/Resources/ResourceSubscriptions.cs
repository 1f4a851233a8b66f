using System.Collections.Concurrent;
using System.Collections.Immutable;
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
/// reconnect). Whatever learns of a change (a webhook, a sync) announces it through <see cref="IHistoryChanges"/>, which
/// ends in <see cref="NotifyChangedAsync"/> on every instance; nothing here polls Oura.
/// </summary>
public sealed class ResourceSubscriptions
{
    // A subscribed session is keyed by its session id, not by the McpServer a request carries: each request may carry
    // its own wrapper of the session. A stdio session has no id; there is one per process, so the empty key is it.
    // A listen stream is keyed by an id of its own: request ids repeat across sessions and stateless requests.
    // Each URI's recipients are an immutable map replaced under the lock (adds and removes are rare), so a notification
    // reads a snapshot without locking, and a map emptied by a remove goes away without losing a recipient added meanwhile.
    private readonly ConcurrentDictionary<(string Person, string Uri), ImmutableDictionary<string, Recipient>> _recipients = new();
    private readonly Lock _changing = new();

    /// <summary>The URIs <paramref name="personId"/> has a subscription to, in any session or stream.</summary>
    public IReadOnlyList<string> UrisOf(string personId) =>
        [.. _recipients.Keys.Where(k => k.Person == personId).Select(k => k.Uri).Order(StringComparer.Ordinal)];

    /// <summary>How many (person, URI) pairs have a recipient: what is kept in memory.</summary>
    internal int Count => _recipients.Count;

    /// <summary>
    /// Tells this process's sessions and streams of <paramref name="change"/>'s person subscribed to a resource holding
    /// a changed day of a changed collection; each URI once, however many collections touched it.
    /// </summary>
    /// <returns>How many notifications were sent.</returns>
    public async Task<int> NotifyChangedAsync(HistoryChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var subscribed = UrisOf(change.PersonId);
        if (subscribed.Count == 0) return 0;
        var told = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var changed in change.Collections)
        {
            foreach (var uri in AffectedResources.Of(subscribed, changed.Collection, changed.Days))
                if (seen.Add(uri)) told += await NotifyUpdatedAsync(change.PersonId, uri, cancellationToken).ConfigureAwait(false);
        }

        return told;
    }

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
                Remove(personId, uri, key);
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
        foreach (var uri in uris) Add(personId, uri, key, recipient);
        return new Registration(() =>
        {
            foreach (var uri in uris) Remove(personId, uri, key);
        });
    }

    private void Add(string personId, string uri, string key, Recipient recipient)
    {
        lock (_changing)
        {
            var recipients = _recipients.TryGetValue((personId, uri), out var existing) ? existing : ImmutableDictionary<string, Recipient>.Empty;
            _recipients[(personId, uri)] = recipients.SetItem(key, recipient);
        }
    }

    private void Remove(string personId, string uri, string key)
    {
        lock (_changing)
        {
            if (!_recipients.TryGetValue((personId, uri), out var recipients)) return;
            var left = recipients.Remove(key);
            if (left.IsEmpty) _recipients.TryRemove((personId, uri), out _);
            else _recipients[(personId, uri)] = left;
        }
    }

    /// <summary>The <c>resources/subscribe</c> handler: any URI the server can read may be subscribed to.</summary>
    public static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        subscriptions.Add(person.Id, uri, SessionKey(request.Server), new Recipient(request.Server, null));
        return new EmptyResult();
    }

    /// <summary>The <c>resources/unsubscribe</c> handler; unsubscribing from what was never subscribed to is no error.</summary>
    public static async ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        subscriptions.Remove(person.Id, uri, SessionKey(request.Server));
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
