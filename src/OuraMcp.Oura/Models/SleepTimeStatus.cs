// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicSleepTimeStatus</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SleepTimeStatus
{
    [JsonStringEnumMemberName("not_enough_nights")] NotEnoughNights,
    [JsonStringEnumMemberName("not_enough_recent_nights")] NotEnoughRecentNights,
    [JsonStringEnumMemberName("bad_sleep_quality")] BadSleepQuality,
    [JsonStringEnumMemberName("only_recommended_found")] OnlyRecommendedFound,
    [JsonStringEnumMemberName("optimal_found")] OptimalFound,
}
