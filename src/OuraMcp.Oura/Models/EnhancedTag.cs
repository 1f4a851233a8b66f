// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Oura's <c>EnhancedTagModel</c>: An EnhancedTagModel maps an ASSATag. An ASSATag in ExtAPIV2 is called a EnhancedTag.</summary>
public sealed record EnhancedTag
{
    /// <summary>Id</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The unique code of the selected tag type, `NULL` for text-only tags, or `custom` for custom tag types.</summary>
    [JsonPropertyName("tag_type_code")]
    public string? TagTypeCode { get; init; }

    /// <summary>Timestamp of the tag (if no duration) or the start time of the tag (with duration).</summary>
    [JsonPropertyName("start_time")]
    public string StartTime { get; init; } = "";

    /// <summary>Timestamp of the tag's end for events with duration or `NULL` if there is no duration.</summary>
    [JsonPropertyName("end_time")]
    public string? EndTime { get; init; }

    /// <summary>Day of the tag (if no duration) or the start day of the tag (with duration).</summary>
    [JsonPropertyName("start_day")]
    public DateOnly StartDay { get; init; }

    /// <summary>Day of the tag's end for events with duration or `NULL` if there is no duration.</summary>
    [JsonPropertyName("end_day")]
    public DateOnly? EndDay { get; init; }

    /// <summary>Additional freeform text on the tag.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>The name of the tag if the tag_type_code is `custom`.</summary>
    [JsonPropertyName("custom_name")]
    public string? CustomName { get; init; }

    /// <summary>Members Oura sent that this model does not know yet: kept so nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
