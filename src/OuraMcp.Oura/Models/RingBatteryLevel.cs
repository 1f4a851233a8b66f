// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicRingBatteryLevelRow</c>: Object defining a ring battery level event.</summary>
public sealed record RingBatteryLevel
{
    /// <summary>Timestamp of the discrete sample.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Timestamp of the discrete sample as unix time in milliseconds.</summary>
    [JsonPropertyName("timestamp_unix")]
    public long TimestampUnix { get; init; }

    /// <summary>Flag indicating if the ring was charging.</summary>
    [JsonPropertyName("charging")]
    public bool? Charging { get; init; }

    /// <summary>Flag indicating if the ring was in charger.</summary>
    [JsonPropertyName("in_charger")]
    public bool? InCharger { get; init; }

    /// <summary>Ring battery level percentage. These values are within [0, 100].</summary>
    [JsonPropertyName("level")]
    public int Level { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
