// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>HTTPValidationError</c>.</summary>
public sealed record HttpValidationError
{
    /// <summary>Detail</summary>
    [JsonPropertyName("detail")]
    public IReadOnlyList<ValidationError>? Detail { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
