// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>WebhookSubscriptionModel</c>.</summary>
public sealed record WebhookSubscription
{
    /// <summary>Id</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Callback Url</summary>
    [JsonPropertyName("callback_url")]
    public string CallbackUrl { get; init; } = "";

    [JsonPropertyName("event_type")]
    public OuraEnum<WebhookOperation> EventType { get; init; }

    [JsonPropertyName("data_type")]
    public OuraEnum<WebhookDataType> DataType { get; init; }

    /// <summary>Expiration Time</summary>
    [JsonPropertyName("expiration_time")]
    public DateTimeOffset ExpirationTime { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
