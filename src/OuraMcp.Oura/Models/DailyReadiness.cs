// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailyReadiness</c>: Public object defining daily readiness.</summary>
public sealed record DailyReadiness
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Contributors of the daily readiness score.</summary>
    [JsonPropertyName("contributors")]
    public ReadinessContributors Contributors { get; init; } = new();

    /// <summary>Day that the daily readiness belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Daily readiness score.</summary>
    [JsonPropertyName("score")]
    public int? Score { get; init; }

    /// <summary>Temperature deviation in degrees Celsius.</summary>
    [JsonPropertyName("temperature_deviation")]
    public double? TemperatureDeviation { get; init; }

    /// <summary>Temperature trend deviation in degrees Celsius.</summary>
    [JsonPropertyName("temperature_trend_deviation")]
    public double? TemperatureTrendDeviation { get; init; }

    /// <summary>Timestamp of the daily readiness.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
