// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicSleepTimeRecommendation</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SleepTimeRecommendation
{
    [JsonStringEnumMemberName("improve_efficiency")] ImproveEfficiency,
    [JsonStringEnumMemberName("earlier_bedtime")] EarlierBedtime,
    [JsonStringEnumMemberName("later_bedtime")] LaterBedtime,
    [JsonStringEnumMemberName("earlier_wake_up_time")] EarlierWakeUpTime,
    [JsonStringEnumMemberName("later_wake_up_time")] LaterWakeUpTime,
    [JsonStringEnumMemberName("follow_optimal_bedtime")] FollowOptimalBedtime,
}
