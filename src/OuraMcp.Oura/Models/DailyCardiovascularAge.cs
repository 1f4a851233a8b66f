// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailyCardiovascularAge</c>: Daily Cardiovascular Age.</summary>
public sealed record DailyCardiovascularAge
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Day that the prediction belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Pulse wave velocity (m/s), derived from vascular age, with possible offset added.</summary>
    [JsonPropertyName("pulse_wave_velocity")]
    public double? PulseWaveVelocity { get; init; }

    /// <summary>Predicted vascular age in range [18, 100].</summary>
    [JsonPropertyName("vascular_age")]
    public int? VascularAge { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
