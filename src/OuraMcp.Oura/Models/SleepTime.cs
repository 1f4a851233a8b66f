// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSleepTime</c>: Suggested bedtime for the user.</summary>
public sealed record SleepTime
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Corresponding day for the sleep time.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Optimal bedtime.</summary>
    [JsonPropertyName("optimal_bedtime")]
    public SleepTimeWindow? OptimalBedtime { get; init; }

    /// <summary>Recommended action for bedtime.</summary>
    [JsonPropertyName("recommendation")]
    public OuraEnum<SleepTimeRecommendation>? Recommendation { get; init; }

    /// <summary>Sleep time status; used to inform sleep time recommendation.</summary>
    [JsonPropertyName("status")]
    public OuraEnum<SleepTimeStatus>? Status { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
