// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicDailyActivity</c>: Object defining a daily activity that is a 24-hour period starting at 4 a.m.</summary>
public sealed record DailyActivity
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Active calories expended in kilocalories.</summary>
    [JsonPropertyName("active_calories")]
    public int ActiveCalories { get; init; }

    /// <summary>Average MET minutes.</summary>
    [JsonPropertyName("average_met_minutes")]
    public double AverageMetMinutes { get; init; }

    /// <summary>5-minute activity classification for the period where every character corresponds to:</summary>
    [JsonPropertyName("class_5_min")]
    public string? Class5Min { get; init; }

    /// <summary>Object containing activity score contributors.</summary>
    [JsonPropertyName("contributors")]
    public ActivityContributors Contributors { get; init; } = new();

    /// <summary>Day that the daily activity belong to.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Equivalent walking distance of energe expenditure in meters.</summary>
    [JsonPropertyName("equivalent_walking_distance")]
    public int EquivalentWalkingDistance { get; init; }

    /// <summary>The total METs of each minute classified as high activity.</summary>
    [JsonPropertyName("high_activity_met_minutes")]
    public int HighActivityMetMinutes { get; init; }

    /// <summary>The total time in seconds of each minute classified as high activity.</summary>
    [JsonPropertyName("high_activity_time")]
    public int HighActivityTime { get; init; }

    /// <summary>Number of inactivity alerts received.</summary>
    [JsonPropertyName("inactivity_alerts")]
    public int InactivityAlerts { get; init; }

    /// <summary>The total METs of each minute classified as low activity.</summary>
    [JsonPropertyName("low_activity_met_minutes")]
    public int LowActivityMetMinutes { get; init; }

    /// <summary>The total time in seconds of each minute classified as low activity.</summary>
    [JsonPropertyName("low_activity_time")]
    public int LowActivityTime { get; init; }

    /// <summary>The total METs of each minute classified as medium activity.</summary>
    [JsonPropertyName("medium_activity_met_minutes")]
    public int MediumActivityMetMinutes { get; init; }

    /// <summary>The total time in seconds of each minute classified as medium activity.</summary>
    [JsonPropertyName("medium_activity_time")]
    public int MediumActivityTime { get; init; }

    /// <summary>Sample containing METs.</summary>
    [JsonPropertyName("met")]
    public Sample Met { get; init; } = new();

    /// <summary>Meters remaining to target.</summary>
    [JsonPropertyName("meters_to_target")]
    public int MetersToTarget { get; init; }

    /// <summary>Ring non-wear time in seconds.</summary>
    [JsonPropertyName("non_wear_time")]
    public int NonWearTime { get; init; }

    /// <summary>Resting time in seconds.</summary>
    [JsonPropertyName("resting_time")]
    public int RestingTime { get; init; }

    /// <summary>Activity score in range [1, 100].</summary>
    [JsonPropertyName("score")]
    public int? Score { get; init; }

    /// <summary>Sedentary MET minutes.</summary>
    [JsonPropertyName("sedentary_met_minutes")]
    public int SedentaryMetMinutes { get; init; }

    /// <summary>Sedentary time in seconds.</summary>
    [JsonPropertyName("sedentary_time")]
    public int SedentaryTime { get; init; }

    /// <summary>Total number of steps taken.</summary>
    [JsonPropertyName("steps")]
    public int Steps { get; init; }

    /// <summary>Daily activity target in kilocalories.</summary>
    [JsonPropertyName("target_calories")]
    public int TargetCalories { get; init; }

    /// <summary>Daily activity target in meters.</summary>
    [JsonPropertyName("target_meters")]
    public int TargetMeters { get; init; }

    /// <summary>Timestamp of the daily activity.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Total calories expended in kilocalories.</summary>
    [JsonPropertyName("total_calories")]
    public int TotalCalories { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
