// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicSleepType</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SleepType
{
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("sleep")] Sleep,
    [JsonStringEnumMemberName("long_sleep")] LongSleep,
    [JsonStringEnumMemberName("late_nap")] LateNap,
    [JsonStringEnumMemberName("rest")] Rest,
}
