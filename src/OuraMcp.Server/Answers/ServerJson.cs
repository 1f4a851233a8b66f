using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Answers;

/// <summary>
/// How answers are written: snake_case, nulls left out, source-generated so that building tool schemas at startup
/// and writing answers needs no reflection-based serializer.
/// </summary>
public static class ServerJson
{
    /// <summary>The answer types first (list answers and the row records their tables are made of), then the SDK's own protocol types.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ServerJsonContext.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    public static JsonElement ToElement(object value) => JsonSerializer.SerializeToElement(value, Options.GetTypeInfo(value.GetType()));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListAnswer<DaySummary>))]
[JsonSerializable(typeof(ListAnswer<SleepNight>))]
[JsonSerializable(typeof(ListAnswer<SleepSeriesPoint>))]
[JsonSerializable(typeof(ListAnswer<SleepTimeDay>))]
[JsonSerializable(typeof(ListAnswer<ReadinessDay>))]
[JsonSerializable(typeof(ListAnswer<ResilienceDay>))]
[JsonSerializable(typeof(ListAnswer<ActivityDay>))]
[JsonSerializable(typeof(ListAnswer<WorkoutRow>))]
[JsonSerializable(typeof(ListAnswer<SessionRow>))]
[JsonSerializable(typeof(ListAnswer<StressDay>))]
[JsonSerializable(typeof(ListAnswer<CardiovascularAgeDay>))]
[JsonSerializable(typeof(ListAnswer<Vo2MaxDay>))]
[JsonSerializable(typeof(ListAnswer<SpO2Day>))]
[JsonSerializable(typeof(ListAnswer<TagRow>))]
[JsonSerializable(typeof(ListAnswer<RestModeRow>))]
[JsonSerializable(typeof(ListAnswer<RingRow>))]
[JsonSerializable(typeof(ListAnswer<HeartRatePoint>))]
[JsonSerializable(typeof(ListAnswer<BatteryPoint>))]
[JsonSerializable(typeof(ListAnswer<Webhooks.WebhookRow>))]
[JsonSerializable(typeof(Webhooks.WebhookRow))]
[JsonSerializable(typeof(Webhooks.WebhookDeletion))]
[JsonSerializable(typeof(DaySummary))]
[JsonSerializable(typeof(SleepNight))]
[JsonSerializable(typeof(SleepSeriesPoint))]
[JsonSerializable(typeof(SleepTimeDay))]
[JsonSerializable(typeof(ReadinessDay))]
[JsonSerializable(typeof(ResilienceDay))]
[JsonSerializable(typeof(ActivityDay))]
[JsonSerializable(typeof(WorkoutRow))]
[JsonSerializable(typeof(SessionRow))]
[JsonSerializable(typeof(StressDay))]
[JsonSerializable(typeof(CardiovascularAgeDay))]
[JsonSerializable(typeof(Vo2MaxDay))]
[JsonSerializable(typeof(SpO2Day))]
[JsonSerializable(typeof(TagRow))]
[JsonSerializable(typeof(RestModeRow))]
[JsonSerializable(typeof(RingRow))]
[JsonSerializable(typeof(HeartRatePoint))]
[JsonSerializable(typeof(BatteryPoint))]
[JsonSerializable(typeof(ProfileAnswer))]
[JsonSerializable(typeof(DocumentAnswer))]
[JsonSerializable(typeof(Analytics.TrendAnswer))]
[JsonSerializable(typeof(Analytics.CompareAnswer))]
[JsonSerializable(typeof(Analytics.CorrelateAnswer))]
[JsonSerializable(typeof(Analytics.TagEffectAnswer))]
[JsonSerializable(typeof(Analytics.AnomaliesAnswer))]
[JsonSerializable(typeof(Charts.PlotAnswer))]
[JsonSerializable(typeof(Tools.SyncHistoryAnswer))]
[JsonSerializable(typeof(CursorState))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
