using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OuraMcp.FakeOura.Http;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Webhooks;

namespace OuraMcp.FakeOura.Webhooks;

/// <summary>How one change is delivered: faithfully by default, or with the misbehaviours a receiver must survive.</summary>
public sealed record FakeDeliveryOptions
{
    /// <summary>Every event is sent twice.</summary>
    public bool Duplicate { get; init; }

    /// <summary>An older event for the same document (a minute earlier) is sent after the newer one.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>The events are sent late: <c>x-oura-timestamp</c> ten minutes old (and signed as such).</summary>
    public bool Stale { get; init; }

    /// <summary>The events are signed with a wrong secret.</summary>
    public bool BadSignature { get; init; }

    /// <summary>The events name this Oura user instead of the person whose data changed (one nobody connected).</summary>
    public string? UserId { get; init; }

    /// <summary>Sends per event before giving up on a callback that does not answer 2xx (Oura: the first and ten retries).</summary>
    public int MaxAttempts { get; init; } = 11;
}

/// <summary>One POST to a callback and how it was answered (0: no answer).</summary>
public sealed record FakeDeliveryAttempt(string CallbackUrl, string EventType, string EventTime, int Attempt, int Status);

/// <summary>
/// Oura's side of webhooks: when a person's data changes, every subscription whose data type and event type match is
/// sent the event, signed with the app's secret over the timestamp and the body, and sent again on anything but 2xx.
/// </summary>
internal sealed class WebhookDelivery(FakeOuraState state)
{
    public async Task<IReadOnlyList<FakeDeliveryAttempt>> DeliverAsync(
        string userId, OuraCollection collection, string objectId, string eventType, FakeDeliveryOptions delivery, CancellationToken cancellationToken)
    {
        var now = state.Clock.GetUtcNow();
        var events = new List<JsonObject> { Event(delivery.UserId ?? userId, collection, objectId, eventType, now) };
        if (delivery.OutOfOrder) events.Add(Event(delivery.UserId ?? userId, collection, objectId, eventType, now.AddMinutes(-1)));
        if (delivery.Duplicate) events = [.. events.SelectMany(e => new[] { e, (JsonObject)e.DeepClone() })];

        var targets = state.Webhooks.All().Where(s =>
            s.DataType.Value == collection.WebhookDataType && s.EventType.Value == eventType && s.ExpirationTime > now).ToList();
        var attempts = new List<FakeDeliveryAttempt>();
        using var client = new HttpClient(state.Options.WebhookCallbackHandler ?? new SocketsHttpHandler(), disposeHandler: state.Options.WebhookCallbackHandler is null)
        {
            // Oura gives callbacks 10 seconds to answer (docs/oura-api.md §4).
            Timeout = TimeSpan.FromSeconds(10),
        };
        foreach (var target in targets)
        {
            foreach (var body in events)
            {
                for (var attempt = 1; attempt <= Math.Max(1, delivery.MaxAttempts); attempt++)
                {
                    var status = await SendAsync(client, target.CallbackUrl, body, delivery, cancellationToken).ConfigureAwait(false);
                    attempts.Add(new FakeDeliveryAttempt(target.CallbackUrl, eventType, (string)body["event_time"]!, attempt, status));
                    if (status is >= 200 and < 300) break;
                    await Task.Delay(state.Options.WebhookRetryDelay, state.Clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return attempts;
    }

    private async Task<int> SendAsync(HttpClient client, string callbackUrl, JsonObject body, FakeDeliveryOptions delivery, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Responses.Writer));
        var sentAt = state.Clock.GetUtcNow() - (delivery.Stale ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var secret = delivery.BadSignature ? "not-" + state.Options.ClientSecret : state.Options.ClientSecret;
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(OuraWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(OuraWebhookSignature.SignatureHeader, OuraWebhookSignature.Compute(secret, timestamp, bytes));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    private static JsonObject Event(string userId, OuraCollection collection, string objectId, string eventType, DateTimeOffset at) => new()
    {
        ["event_type"] = eventType,
        ["data_type"] = collection.WebhookDataType,
        ["object_id"] = objectId,
        ["event_time"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture),
        ["user_id"] = userId,
    };
}
