// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>PublicWorkout</c>: Public model for Workout.</summary>
public sealed record Workout
{
    /// <summary>Unique identifier of the object.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Type of the workout activity.</summary>
    [JsonPropertyName("activity")]
    public string Activity { get; init; } = "";

    /// <summary>Energy burned in kilocalories during the workout.</summary>
    [JsonPropertyName("calories")]
    public double? Calories { get; init; }

    /// <summary>Day when the workout occurred.</summary>
    [JsonPropertyName("day")]
    public DateOnly Day { get; init; }

    /// <summary>Distance traveled in meters during the workout.</summary>
    [JsonPropertyName("distance")]
    public double? Distance { get; init; }

    /// <summary>Timestamp indicating when the workout ended.</summary>
    [JsonPropertyName("end_datetime")]
    public DateTimeOffset EndDatetime { get; init; }

    /// <summary>Intensity of the workout.</summary>
    [JsonPropertyName("intensity")]
    public OuraEnum<WorkoutIntensity> Intensity { get; init; }

    /// <summary>User-defined label for the workout.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>Possible workout sources.</summary>
    [JsonPropertyName("source")]
    public OuraEnum<WorkoutSource> Source { get; init; }

    /// <summary>Timestamp indicating when the workout started.</summary>
    [JsonPropertyName("start_datetime")]
    public DateTimeOffset StartDatetime { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
