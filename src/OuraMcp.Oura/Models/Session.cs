// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSession</c>: Public model defining a recorded Session.</summary>
public sealed record Session
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The date when the session occurred.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Timestamp indicating when the Moment ended.</summary>
    [JsonPropertyName("end_datetime")]
    public DateTimeOffset EndDatetime { get; init; }

    /// <summary>Recorded heart rate samples during the Moment.</summary>
    [JsonPropertyName("heart_rate")]
    public Sample? HeartRate { get; init; }

    /// <summary>Recorded heart rate variability samples during the Moment.</summary>
    [JsonPropertyName("heart_rate_variability")]
    public Sample? HeartRateVariability { get; init; }

    /// <summary>User-selected mood for the Moment.</summary>
    [JsonPropertyName("mood")]
    public OuraEnum<SessionMood>? Mood { get; init; }

    /// <summary>Recorded motion count samples during the Moment.</summary>
    [JsonPropertyName("motion_count")]
    public Sample? MotionCount { get; init; }

    /// <summary>Timestamp indicating when the Moment started.</summary>
    [JsonPropertyName("start_datetime")]
    public DateTimeOffset StartDatetime { get; init; }

    /// <summary>Type of the Moment.</summary>
    [JsonPropertyName("type")]
    public OuraEnum<SessionType> Type { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
