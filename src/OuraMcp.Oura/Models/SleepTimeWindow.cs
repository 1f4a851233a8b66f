// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSleepTimeWindow</c>: Object defining sleep time window.</summary>
public sealed record SleepTimeWindow
{
    /// <summary>Timezone offset in second from GMT of the day</summary>
    [JsonPropertyName("day_tz")]
    public int DayTz { get; init; }

    /// <summary>End offset from midnight in second</summary>
    [JsonPropertyName("end_offset")]
    public int EndOffset { get; init; }

    /// <summary>Start offset from midnight in second</summary>
    [JsonPropertyName("start_offset")]
    public int StartOffset { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
