// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicSleepContributors</c>: Object defining sleep score contributors.</summary>
public sealed record SleepContributors
{
    /// <summary>Contribution of deep sleep in range [1, 100].</summary>
    [JsonPropertyName("deep_sleep")]
    public int? DeepSleep { get; init; }

    /// <summary>Contribution of sleep efficiency in range [1, 100].</summary>
    [JsonPropertyName("efficiency")]
    public int? Efficiency { get; init; }

    /// <summary>Contribution of sleep latency in range [1, 100].</summary>
    [JsonPropertyName("latency")]
    public int? Latency { get; init; }

    /// <summary>Contribution of REM sleep in range [1, 100].</summary>
    [JsonPropertyName("rem_sleep")]
    public int? RemSleep { get; init; }

    /// <summary>Contribution of sleep restfulness in range [1, 100].</summary>
    [JsonPropertyName("restfulness")]
    public int? Restfulness { get; init; }

    /// <summary>Contribution of sleep timing in range [1, 100].</summary>
    [JsonPropertyName("timing")]
    public int? Timing { get; init; }

    /// <summary>Contribution of total sleep in range [1, 100].</summary>
    [JsonPropertyName("total_sleep")]
    public int? TotalSleep { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
