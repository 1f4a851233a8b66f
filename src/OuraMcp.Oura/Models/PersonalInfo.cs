// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PersonalInfoResponse</c>.</summary>
public sealed record PersonalInfo
{
    /// <summary>Id</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Age</summary>
    [JsonPropertyName("age")]
    public int? Age { get; init; }

    /// <summary>Weight</summary>
    [JsonPropertyName("weight")]
    public double? Weight { get; init; }

    /// <summary>Height</summary>
    [JsonPropertyName("height")]
    public double? Height { get; init; }

    /// <summary>Biological Sex</summary>
    [JsonPropertyName("biological_sex")]
    public string? BiologicalSex { get; init; }

    /// <summary>Email</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
