// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicMomentType</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SessionType
{
    [JsonStringEnumMemberName("breathing")] Breathing,
    [JsonStringEnumMemberName("meditation")] Meditation,
    [JsonStringEnumMemberName("nap")] Nap,
    [JsonStringEnumMemberName("relaxation")] Relaxation,
    [JsonStringEnumMemberName("rest")] Rest,
    [JsonStringEnumMemberName("body_status")] BodyStatus,
}
