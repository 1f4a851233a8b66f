// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>LongTermResilienceLevel</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum ResilienceLevel
{
    [JsonStringEnumMemberName("limited")] Limited,
    [JsonStringEnumMemberName("adequate")] Adequate,
    [JsonStringEnumMemberName("solid")] Solid,
    [JsonStringEnumMemberName("strong")] Strong,
    [JsonStringEnumMemberName("exceptional")] Exceptional,
}
