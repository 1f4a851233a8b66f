// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSample</c>: Object defining a recorded sample.</summary>
public sealed record Sample
{
    /// <summary>Interval in seconds between the sampled items.</summary>
    [JsonPropertyName("interval")]
    public double Interval { get; init; }

    /// <summary>Recorded sample items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<double?> Items { get; init; } = [];

    /// <summary>Timestamp when the sample recording started.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
