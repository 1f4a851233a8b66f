// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicRingConfiguration</c>: Ring configuration.</summary>
public sealed record RingConfiguration
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Color of the ring.</summary>
    [JsonPropertyName("color")]
    public OuraEnum<RingColor>? Color { get; init; }

    /// <summary>Design of the ring.</summary>
    [JsonPropertyName("design")]
    public OuraEnum<RingDesign>? Design { get; init; }

    /// <summary>Firmware version of the ring.</summary>
    [JsonPropertyName("firmware_version")]
    public string? FirmwareVersion { get; init; }

    /// <summary>Hardware type of the ring.</summary>
    [JsonPropertyName("hardware_type")]
    public OuraEnum<RingHardwareType>? HardwareType { get; init; }

    /// <summary>UTC timestamp indicating when the ring was set up.</summary>
    [JsonPropertyName("set_up_at")]
    public DateTimeOffset? SetUpAt { get; init; }

    /// <summary>US size of the ring.</summary>
    [JsonPropertyName("size")]
    public int? Size { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
