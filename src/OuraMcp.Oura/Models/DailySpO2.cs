// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailySpO2</c>: Daily SpO2 (Oxygen saturation).</summary>
public sealed record DailySpO2
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Breathing Disturbance Index (BDI) calculated using detected SpO2 drops from timeseries. Values should be in range [0, 100]</summary>
    [JsonPropertyName("breathing_disturbance_index")]
    public int? BreathingDisturbanceIndex { get; init; }

    /// <summary>Day that the spo2 values belong to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>The daily SpO2 percentage value aggregates. Sourced from SpO2 percentage timeseries values.</summary>
    [JsonPropertyName("spo2_percentage")]
    public SpO2AggregatedValues? Spo2Percentage { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
