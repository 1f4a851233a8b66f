// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>ValidationError</c>.</summary>
public sealed record ValidationError
{
    /// <summary>Location</summary>
    [JsonPropertyName("loc")]
    public IReadOnlyList<JsonElement> Loc { get; init; } = [];

    /// <summary>Message</summary>
    [JsonPropertyName("msg")]
    public string Msg { get; init; } = "";

    /// <summary>Error Type</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
