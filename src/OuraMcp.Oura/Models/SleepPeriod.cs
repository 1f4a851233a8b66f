// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicModifiedSleepModel</c>.</summary>
public sealed record SleepPeriod
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Average breathing rate during sleep as breaths/minute.</summary>
    [JsonPropertyName("average_breath")]
    public double? AverageBreath { get; init; }

    /// <summary>Average heart rate during sleep as beats/minute. NOTE: this is the average calculated by ecore (based on 30-second samples) which is different from what is s...</summary>
    [JsonPropertyName("average_heart_rate")]
    public double? AverageHeartRate { get; init; }

    /// <summary>Average heart rate variability during sleep.</summary>
    [JsonPropertyName("average_hrv")]
    public int? AverageHrv { get; init; }

    /// <summary>Duration spent awake in seconds.</summary>
    [JsonPropertyName("awake_time")]
    public int? AwakeTime { get; init; }

    /// <summary>Bedtime end of the sleep.</summary>
    [JsonPropertyName("bedtime_end")]
    public DateTimeOffset BedtimeEnd { get; init; }

    /// <summary>Bedtime start of the sleep.</summary>
    [JsonPropertyName("bedtime_start")]
    public DateTimeOffset BedtimeStart { get; init; }

    /// <summary>Day that the sleep belongs to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Duration spent in deep sleep in seconds.</summary>
    [JsonPropertyName("deep_sleep_duration")]
    public int? DeepSleepDuration { get; init; }

    /// <summary>Sleep efficiency rating in range [1, 100].</summary>
    [JsonPropertyName("efficiency")]
    public int? Efficiency { get; init; }

    /// <summary>Object containing heart rate samples.</summary>
    [JsonPropertyName("heart_rate")]
    public Sample? HeartRate { get; init; }

    /// <summary>Object containing heart rate variability samples.</summary>
    [JsonPropertyName("hrv")]
    public Sample? Hrv { get; init; }

    /// <summary>Sleep latency in seconds. This is the time it took for the user to fall asleep after going to bed.</summary>
    [JsonPropertyName("latency")]
    public int? Latency { get; init; }

    /// <summary>Duration spent in light sleep in seconds.</summary>
    [JsonPropertyName("light_sleep_duration")]
    public int? LightSleepDuration { get; init; }

    /// <summary>Flag indicating if a low battery alert occurred.</summary>
    [JsonPropertyName("low_battery_alert")]
    public bool LowBatteryAlert { get; init; }

    /// <summary>Lowest heart rate during sleep. NOTE: this is the value calculated by ecore (based on 30-second samples) which is different from what is shown in the app. Th...</summary>
    [JsonPropertyName("lowest_heart_rate")]
    public int? LowestHeartRate { get; init; }

    /// <summary>30-second movement classification for the period where every character corresponds to:</summary>
    [JsonPropertyName("movement_30_sec")]
    public string? Movement30Sec { get; init; }

    /// <summary>ECore sleep period identifier.</summary>
    [JsonPropertyName("period")]
    public int Period { get; init; }

    /// <summary>Object containing the readiness details.</summary>
    [JsonPropertyName("readiness")]
    public Readiness? Readiness { get; init; }

    /// <summary>Effect on readiness score caused by this sleep period.</summary>
    [JsonPropertyName("readiness_score_delta")]
    public int? ReadinessScoreDelta { get; init; }

    /// <summary>Duration spent in REM sleep in seconds.</summary>
    [JsonPropertyName("rem_sleep_duration")]
    public int? RemSleepDuration { get; init; }

    /// <summary>Number of restless periods during sleep.</summary>
    [JsonPropertyName("restless_periods")]
    public int? RestlessPeriods { get; init; }

    /// <summary>Version of the sleep algorithm used to calculate the sleep data.</summary>
    [JsonPropertyName("sleep_algorithm_version")]
    public OuraEnum<SleepAlgorithmVersion>? SleepAlgorithmVersion { get; init; }

    /// <summary>The reason for the creation or update of the latest version of this sleep.</summary>
    [JsonPropertyName("sleep_analysis_reason")]
    public OuraEnum<SleepAnalysisReason>? SleepAnalysisReason { get; init; }

    /// <summary>30-second sleep phase classification for the period where every character corresponds to:</summary>
    [JsonPropertyName("sleep_phase_30_sec")]
    public string? SleepPhase30Sec { get; init; }

    /// <summary>5-minute sleep phase classification for the period where every character corresponds to:</summary>
    [JsonPropertyName("sleep_phase_5_min")]
    public string? SleepPhase5Min { get; init; }

    /// <summary>Effect on sleep score caused by this sleep period.</summary>
    [JsonPropertyName("sleep_score_delta")]
    public int? SleepScoreDelta { get; init; }

    /// <summary>Duration spent in bed in seconds.</summary>
    [JsonPropertyName("time_in_bed")]
    public int TimeInBed { get; init; }

    /// <summary>Total sleep duration in seconds.</summary>
    [JsonPropertyName("total_sleep_duration")]
    public int? TotalSleepDuration { get; init; }

    /// <summary>Type of the sleep period.</summary>
    [JsonPropertyName("type")]
    public OuraEnum<SleepType>? Type { get; init; }

    /// <summary>Encrypted identifier of the ring that produced this sleep data.</summary>
    [JsonPropertyName("ring_id")]
    public string? RingId { get; init; }

    /// <summary>5-minute sleep phase classification for the period aligned with what is shown in the app</summary>
    [JsonPropertyName("app_sleep_phase_5_min")]
    public string? AppSleepPhase5Min { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
