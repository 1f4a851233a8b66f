// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>DailyResilienceModel</c>.</summary>
public sealed record DailyResilience
{
    /// <summary>Id</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Day when the resilience record was recorded.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Contributors to the resilience score.</summary>
    [JsonPropertyName("contributors")]
    public ResilienceContributors Contributors { get; init; } = new();

    /// <summary>Resilience level.</summary>
    [JsonPropertyName("level")]
    public OuraEnum<ResilienceLevel> Level { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
