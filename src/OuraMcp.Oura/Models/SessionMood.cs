// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicMomentMood</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SessionMood
{
    [JsonStringEnumMemberName("bad")] Bad,
    [JsonStringEnumMemberName("worse")] Worse,
    [JsonStringEnumMemberName("same")] Same,
    [JsonStringEnumMemberName("good")] Good,
    [JsonStringEnumMemberName("great")] Great,
}
