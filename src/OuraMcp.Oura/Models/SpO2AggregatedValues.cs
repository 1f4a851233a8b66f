// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSpo2AggregatedValues</c>: Object defining public spo2 aggregated values.</summary>
public sealed record SpO2AggregatedValues
{
    /// <summary>Average of spo2.</summary>
    [JsonPropertyName("average")]
    public double Average { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
