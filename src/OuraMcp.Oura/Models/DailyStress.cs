// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailyStress</c>: Daily stress.</summary>
public sealed record DailyStress
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Day that the daily stress belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Stress summary of full day.</summary>
    [JsonPropertyName("day_summary")]
    public OuraEnum<StressSummary>? DaySummary { get; init; }

    /// <summary>Time spent in a high recovery zone (bottom quartile data) in seconds.</summary>
    [JsonPropertyName("recovery_high")]
    public int? RecoveryHigh { get; init; }

    /// <summary>Time spent in a high stress zone (top quartile of data) in seconds.</summary>
    [JsonPropertyName("stress_high")]
    public int? StressHigh { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
