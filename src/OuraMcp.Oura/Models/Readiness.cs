// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicReadiness</c>: Object defining readiness.</summary>
public sealed record Readiness
{
    /// <summary>Contributors of the readiness score.</summary>
    [JsonPropertyName("contributors")]
    public ReadinessContributors Contributors { get; init; } = new();

    /// <summary>Readiness score in range [1, 100].</summary>
    [JsonPropertyName("score")]
    public int? Score { get; init; }

    /// <summary>Temperature deviation in degrees Celsius.</summary>
    [JsonPropertyName("temperature_deviation")]
    public double? TemperatureDeviation { get; init; }

    /// <summary>Temperature trend deviation in degrees Celsius.</summary>
    [JsonPropertyName("temperature_trend_deviation")]
    public double? TemperatureTrendDeviation { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
