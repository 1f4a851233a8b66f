// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailySleep</c>: Public object defining daily sleep.</summary>
public sealed record DailySleep
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Contributors for the daily sleep score.</summary>
    [JsonPropertyName("contributors")]
    public SleepContributors Contributors { get; init; } = new();

    /// <summary>Day that the daily sleep belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Daily sleep score.</summary>
    [JsonPropertyName("score")]
    public int? Score { get; init; }

    /// <summary>Timestamp of the daily sleep.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
