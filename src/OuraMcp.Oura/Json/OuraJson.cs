using System.Text.Json;
using System.Text.Json.Serialization;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Json;

/// <summary>The one set of serializer options for Oura's wire format: source-generated and lenient.</summary>
public static class OuraJson
{
    public static JsonSerializerOptions Options { get; } = new(OuraJsonContext.Default.Options);
}

/// <summary>
/// Source-generated metadata for every Oura model. Lenient by design: numbers may arrive as strings,
/// unknown members land in each model's <c>Unknown</c> bag, unknown enum values are kept (see <see cref="OuraEnum{TEnum}"/>).
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(PersonalInfo))]
[JsonSerializable(typeof(OuraPage<DailyActivity>))]
[JsonSerializable(typeof(OuraPage<DailyCardiovascularAge>))]
[JsonSerializable(typeof(OuraPage<DailyReadiness>))]
[JsonSerializable(typeof(OuraPage<DailyResilience>))]
[JsonSerializable(typeof(OuraPage<DailySleep>))]
[JsonSerializable(typeof(OuraPage<DailySpO2>))]
[JsonSerializable(typeof(OuraPage<DailyStress>))]
[JsonSerializable(typeof(OuraPage<EnhancedTag>))]
[JsonSerializable(typeof(OuraPage<HeartRateSample>))]
[JsonSerializable(typeof(OuraPage<RestModePeriod>))]
[JsonSerializable(typeof(OuraPage<RingBatteryLevel>))]
[JsonSerializable(typeof(OuraPage<RingConfiguration>))]
[JsonSerializable(typeof(OuraPage<Session>))]
[JsonSerializable(typeof(OuraPage<SleepPeriod>))]
[JsonSerializable(typeof(OuraPage<SleepTime>))]
[JsonSerializable(typeof(OuraPage<Tag>))]
[JsonSerializable(typeof(OuraPage<VO2Max>))]
[JsonSerializable(typeof(OuraPage<Workout>))]
[JsonSerializable(typeof(OuraPage<JsonElement>))]
[JsonSerializable(typeof(HttpValidationError))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(List<WebhookSubscription>))]
[JsonSerializable(typeof(CreateWebhookSubscriptionRequest))]
[JsonSerializable(typeof(UpdateWebhookSubscriptionRequest))]
public sealed partial class OuraJsonContext : JsonSerializerContext;
