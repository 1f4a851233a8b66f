// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicActivityContributors</c>: Object defining activity score contributors.</summary>
public sealed record ActivityContributors
{
    /// <summary>Contribution of meeting previous 7-day daily activity targets in range [1, 100].</summary>
    [JsonPropertyName("meet_daily_targets")]
    public int? MeetDailyTargets { get; init; }

    /// <summary>Contribution of previous 24-hour inactivity alerts in range [1, 100].</summary>
    [JsonPropertyName("move_every_hour")]
    public int? MoveEveryHour { get; init; }

    /// <summary>Contribution of previous 7-day recovery time in range [1, 100].</summary>
    [JsonPropertyName("recovery_time")]
    public int? RecoveryTime { get; init; }

    /// <summary>Contribution of previous 24-hour activity in range [1, 100].</summary>
    [JsonPropertyName("stay_active")]
    public int? StayActive { get; init; }

    /// <summary>Contribution of previous 7-day exercise frequency in range [1, 100].</summary>
    [JsonPropertyName("training_frequency")]
    public int? TrainingFrequency { get; init; }

    /// <summary>Contribution of previous 7-day exercise volume in range [1, 100].</summary>
    [JsonPropertyName("training_volume")]
    public int? TrainingVolume { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
