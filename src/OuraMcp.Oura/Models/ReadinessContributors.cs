// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicReadinessContributors</c>: Object defining readiness score contributors.</summary>
public sealed record ReadinessContributors
{
    /// <summary>Contribution of cumulative activity balance in range [1, 100].</summary>
    [JsonPropertyName("activity_balance")]
    public int? ActivityBalance { get; init; }

    /// <summary>Contribution of body temperature in range [1, 100].</summary>
    [JsonPropertyName("body_temperature")]
    public int? BodyTemperature { get; init; }

    /// <summary>Contribution of heart rate variability balance in range [1, 100].</summary>
    [JsonPropertyName("hrv_balance")]
    public int? HrvBalance { get; init; }

    /// <summary>Contribution of previous day's activity in range [1, 100].</summary>
    [JsonPropertyName("previous_day_activity")]
    public int? PreviousDayActivity { get; init; }

    /// <summary>Contribution of previous night's sleep in range [1, 100].</summary>
    [JsonPropertyName("previous_night")]
    public int? PreviousNight { get; init; }

    /// <summary>Contribution of recovery index in range [1, 100].</summary>
    [JsonPropertyName("recovery_index")]
    public int? RecoveryIndex { get; init; }

    /// <summary>Contribution of resting heart rate in range [1, 100].</summary>
    [JsonPropertyName("resting_heart_rate")]
    public int? RestingHeartRate { get; init; }

    /// <summary>Contribution of sleep balance in range [1, 100].</summary>
    [JsonPropertyName("sleep_balance")]
    public int? SleepBalance { get; init; }

    /// <summary>Contribution of sleep regularity in range [1, 100].</summary>
    [JsonPropertyName("sleep_regularity")]
    public int? SleepRegularity { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
