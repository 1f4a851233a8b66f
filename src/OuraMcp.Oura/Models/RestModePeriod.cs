// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicRestModePeriod</c>: Rest mode episode information.</summary>
public sealed record RestModePeriod
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>End date of rest mode.</summary>
    [JsonPropertyName("end_day")]
    public DateOnly? EndDay { get; init; }

    /// <summary>Timestamp when rest mode ended.</summary>
    [JsonPropertyName("end_time")]
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Collection of episodes during rest mode, consisting of tags.</summary>
    [JsonPropertyName("episodes")]
    public IReadOnlyList<RestModeEpisode> Episodes { get; init; } = [];

    /// <summary>Start date of rest mode.</summary>
    [JsonPropertyName("start_day")]
    public DateOnly StartDay { get; init; }

    /// <summary>Timestamp when rest mode ended.</summary>
    [JsonPropertyName("start_time")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
