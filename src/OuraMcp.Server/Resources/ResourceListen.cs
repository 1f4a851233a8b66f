using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.Resources;

/// <summary>
/// The <c>subscriptions/listen</c> handler (protocol 2026-07-28, SEP-2575, which drops <c>resources/subscribe</c>),
/// in place of the SDK's: the SDK's own fans out only list changes and cannot know whose data a resource is. The
/// asking person's readable <c>oura://</c> URIs are granted and joined to <see cref="ResourceSubscriptions"/> under that
/// person until the client cancels the request; their updates go back over the request's own stream, so they reach a
/// stateless HTTP client too (its listen POST stays open), and stdio.
/// </summary>
public static class ResourceListen
{
    public static async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var uris = (request.Params?.Notifications?.ResourceSubscriptions ?? [])
            .Where(uri => ResourceAddress.TryParse(uri) is not null).Distinct(StringComparer.Ordinal).ToList();
        var person = uris.Count == 0 ? null : await ResourceSubscriptions.PersonAsync(request, cancellationToken).ConfigureAwait(false);
        var id = SubscriptionId(request.JsonRpcRequest.Id);

        // The tools, prompts and resource lists never change, so list changes are never granted, only resources.
        var acknowledged = JsonSerializer.SerializeToNode(
            new SubscriptionsAcknowledgedNotificationParams
            {
                Notifications = new SubscriptionsListenNotifications { ResourceSubscriptions = uris.Count == 0 ? null : uris },
            },
            // The SDK's source-generated metadata, so this works in the Native AOT build too.
            (JsonTypeInfo<SubscriptionsAcknowledgedNotificationParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(SubscriptionsAcknowledgedNotificationParams)))!.AsObject();
        acknowledged["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = id?.DeepClone() };
        await request.Server.SendMessageAsync(
            new JsonRpcNotification { Method = NotificationMethods.SubscriptionsAcknowledgedNotification, Params = acknowledged },
            cancellationToken).ConfigureAwait(false);
        // Nothing granted: nothing will ever come, so the stream ends now instead of holding a connection.
        if (person is null || id is null) return new EmptyResult();

        using var registration = request.Services!.GetRequiredService<ResourceSubscriptions>().Listen(person.Id, uris, request.Server, id);
        // Until the client cancels (notifications/cancelled, or an HTTP client closing its POST) or the server stops:
        // a held-open POST must not hold up a graceful shutdown.
        var stopping = request.Services!.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        await Task.Delay(Timeout.Infinite, ended.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return new EmptyResult();
    }

    private static JsonNode? SubscriptionId(RequestId id) => id.Id switch
    {
        string text => JsonValue.Create(text),
        long number => JsonValue.Create(number),
        _ => null,
    };
}
