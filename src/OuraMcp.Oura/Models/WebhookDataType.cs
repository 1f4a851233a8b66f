// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>ExtApiV2DataType</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum WebhookDataType
{
    [JsonStringEnumMemberName("tag")] Tag,
    [JsonStringEnumMemberName("enhanced_tag")] EnhancedTag,
    [JsonStringEnumMemberName("workout")] Workout,
    [JsonStringEnumMemberName("session")] Session,
    [JsonStringEnumMemberName("sleep")] Sleep,
    [JsonStringEnumMemberName("daily_sleep")] DailySleep,
    [JsonStringEnumMemberName("daily_readiness")] DailyReadiness,
    [JsonStringEnumMemberName("daily_activity")] DailyActivity,
    [JsonStringEnumMemberName("daily_spo2")] DailySpo2,
    [JsonStringEnumMemberName("sleep_time")] SleepTime,
    [JsonStringEnumMemberName("rest_mode_period")] RestModePeriod,
    [JsonStringEnumMemberName("ring_configuration")] RingConfiguration,
    [JsonStringEnumMemberName("daily_stress")] DailyStress,
    [JsonStringEnumMemberName("daily_cardiovascular_age")] DailyCardiovascularAge,
    [JsonStringEnumMemberName("daily_resilience")] DailyResilience,
    [JsonStringEnumMemberName("vo2_max")] Vo2Max,
    [JsonStringEnumMemberName("meal")] Meal,
}
