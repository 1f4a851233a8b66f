// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicHeartRateRow</c>: Heart rate sample.</summary>
public sealed record HeartRateSample
{
    /// <summary>Timestamp of the discrete sample.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Timestamp of the discrete sample as unix time in milliseconds.</summary>
    [JsonPropertyName("timestamp_unix")]
    public long TimestampUnix { get; init; }

    /// <summary>Heart rate as beats per minute.</summary>
    [JsonPropertyName("bpm")]
    public int Bpm { get; init; }

    /// <summary>Source of the sample.</summary>
    [JsonPropertyName("source")]
    public OuraEnum<HeartRateSource> Source { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
