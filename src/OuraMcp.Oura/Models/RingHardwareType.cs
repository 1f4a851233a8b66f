// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicRingHardwareType</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum RingHardwareType
{
    [JsonStringEnumMemberName("gen1")] Gen1,
    [JsonStringEnumMemberName("gen2")] Gen2,
    [JsonStringEnumMemberName("gen2m")] Gen2m,
    [JsonStringEnumMemberName("gen3")] Gen3,
    [JsonStringEnumMemberName("gen4")] Gen4,
    [JsonStringEnumMemberName("or5")] Or5,
}
