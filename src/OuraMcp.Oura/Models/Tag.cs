// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>TagModel</c>: A TagModel maps to an ASSANote. An ASSANote in ExtAPIV2 is called a Tag.</summary>
public sealed record Tag
{
    /// <summary>Id</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Day that the note belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Textual contents of the note.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>Timestamp of the note.</summary>
    [JsonPropertyName("timestamp")]
    public string Timestamp { get; init; } = "";

    /// <summary>Selected tags for the tag.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
