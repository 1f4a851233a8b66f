// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicWorkoutIntensity</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum WorkoutIntensity
{
    [JsonStringEnumMemberName("easy")] Easy,
    [JsonStringEnumMemberName("moderate")] Moderate,
    [JsonStringEnumMemberName("hard")] Hard,
}
