// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicSleepAnalysisReason</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum SleepAnalysisReason
{
    [JsonStringEnumMemberName("foreground_sleep_analysis")] ForegroundSleepAnalysis,
    [JsonStringEnumMemberName("bedtime_edit")] BedtimeEdit,
    [JsonStringEnumMemberName("background_sleep_analysis")] BackgroundSleepAnalysis,
    [JsonStringEnumMemberName("background_created_foreground_updated")] BackgroundCreatedForegroundUpdated,
}
