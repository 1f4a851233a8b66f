// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>ResilienceContributors</c>.</summary>
public sealed record ResilienceContributors
{
    /// <summary>Sleep recovery contributor to the resilience score. Range: [0, 100]</summary>
    [JsonPropertyName("sleep_recovery")]
    public double SleepRecovery { get; init; }

    /// <summary>Daytime recovery contributor to the resilience score. Range: [0, 100]</summary>
    [JsonPropertyName("daytime_recovery")]
    public double DaytimeRecovery { get; init; }

    /// <summary>Stress contributor to the resilience score. Range: [0, 100]</summary>
    [JsonPropertyName("stress")]
    public double Stress { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
