using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Resources;

/// <summary>
/// Who subscribed to which resource: per person and URI, the sessions to tell when it changes. Kept in memory, so a
/// restart forgets them (clients subscribe again when they reconnect). Whatever learns of a change (the history store,
/// on a webhook or a sync) calls <see cref="NotifyUpdatedAsync"/>; nothing here polls Oura.
/// </summary>
public sealed class ResourceSubscriptions
{
    // Keyed by session id, not by the McpServer a request carries: each request may carry its own wrapper of the session.
    // A stdio session has no id; there is one per process, so the empty key is it.
    private readonly ConcurrentDictionary<(string Person, string Uri), ConcurrentDictionary<string, McpServer>> _sessions = new();

    /// <summary>The URIs <paramref name="personId"/> has a subscription to, in any session.</summary>
    public IReadOnlyList<string> UrisOf(string personId) =>
        [.. _sessions.Where(s => s.Key.Person == personId && !s.Value.IsEmpty).Select(s => s.Key.Uri).Order(StringComparer.Ordinal)];

    /// <summary>Sends <c>notifications/resources/updated</c> to every session of the person subscribed to the URI.</summary>
    /// <returns>How many sessions were told.</returns>
    public async Task<int> NotifyUpdatedAsync(string personId, string uri, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue((personId, uri), out var sessions)) return 0;
        var told = 0;
        foreach (var (id, session) in sessions)
        {
            try
            {
                await session.SendNotificationAsync(
                    NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, cancellationToken: cancellationToken).ConfigureAwait(false);
                told++;
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The session ended without unsubscribing: forget it.
                sessions.TryRemove(id, out _);
            }
        }

        return told;
    }

    /// <summary>The <c>resources/subscribe</c> handler: any URI the server can read may be subscribed to.</summary>
    public static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        subscriptions._sessions.GetOrAdd((person.Id, uri), _ => new())[SessionKey(request.Server)] = request.Server;
        return new EmptyResult();
    }

    /// <summary>The <c>resources/unsubscribe</c> handler; unsubscribing from what was never subscribed to is no error.</summary>
    public static async ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = Checked(request.Params?.Uri);
        var person = await PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var subscriptions = request.Services!.GetRequiredService<ResourceSubscriptions>();
        if (subscriptions._sessions.TryGetValue((person.Id, uri), out var sessions)) sessions.TryRemove(SessionKey(request.Server), out _);
        return new EmptyResult();
    }

    private static string SessionKey(McpServer server) => server.SessionId ?? "";

    private static string Checked(string? uri)
    {
        _ = ResourceAddress.Parse(uri);
        return uri!;
    }

    private static async ValueTask<Person> PersonAsync<T>(RequestContext<T> request, CancellationToken cancellationToken)
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
}
