using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>
/// A value of one of Oura's string enums, kept as the string Oura sent. Oura's enums grow between
/// exports (openapi 1.35 has four values the older export lacks), so an unknown value must neither
/// fail deserialization nor be lost: <see cref="Value"/> is always the raw string, <see cref="Known"/>
/// is the C# enum member when there is one.
/// </summary>
[JsonConverter(typeof(OuraEnumJsonConverterFactory))]
public readonly struct OuraEnum<TEnum> : IEquatable<OuraEnum<TEnum>> where TEnum : struct, Enum
{
    // A default instance (a required member missing from a `fields` projection) must still read as "" rather than null.
    private readonly string? _value;

    public OuraEnum(string value) => _value = value;

    /// <summary>The string Oura sent; empty when the member was absent.</summary>
    public string Value => _value ?? "";

    /// <summary>The matching member, or null for a value this build does not know.</summary>
    public TEnum? Known => OuraEnumNames<TEnum>.TryParse(Value);

    /// <summary>True when the value is <paramref name="member"/>.</summary>
    public bool Is(TEnum member) => string.Equals(Value, OuraEnumNames<TEnum>.NameOf(member), StringComparison.Ordinal);

    public bool Equals(OuraEnum<TEnum> other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is OuraEnum<TEnum> other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(OuraEnum<TEnum> left, OuraEnum<TEnum> right) => left.Equals(right);

    public static bool operator !=(OuraEnum<TEnum> left, OuraEnum<TEnum> right) => !left.Equals(right);

    public static implicit operator OuraEnum<TEnum>(TEnum member) => new(OuraEnumNames<TEnum>.NameOf(member));
}

/// <summary>The wire names of an enum's members, read once from their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
public static class OuraEnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToName = Enum.GetValues<TEnum>().ToDictionary(
        member => member,
        member => typeof(TEnum).GetField(member.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member.ToString());

    private static readonly Dictionary<string, TEnum> FromName = ToName.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyCollection<string> All => ToName.Values;

    public static string NameOf(TEnum member) => ToName[member];

    public static TEnum? TryParse(string? value) => value is not null && FromName.TryGetValue(value, out var member) ? member : null;
}

internal sealed class OuraEnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OuraEnum<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter)
            ? converter
            : throw new NotSupportedException($"{typeToConvert} has no converter: add its enum to OuraEnumJsonConverterFactory.Converters.");

    // One line per enum rather than MakeGenericType: Native AOT compiles a value-type instantiation only where it sees
    // it written (docs/performance-server.md, Native AOT). A model with an enum missing here fails to read in every build.
    private static readonly Dictionary<Type, JsonConverter> Converters = new[]
    {
        Converter<HeartRateSource>(),
        Converter<ResilienceLevel>(),
        Converter<RingColor>(),
        Converter<RingDesign>(),
        Converter<RingHardwareType>(),
        Converter<SessionMood>(),
        Converter<SessionType>(),
        Converter<SleepAlgorithmVersion>(),
        Converter<SleepAnalysisReason>(),
        Converter<SleepTimeRecommendation>(),
        Converter<SleepTimeStatus>(),
        Converter<SleepType>(),
        Converter<StressSummary>(),
        Converter<WebhookDataType>(),
        Converter<WebhookOperation>(),
        Converter<WorkoutIntensity>(),
        Converter<WorkoutSource>(),
    }.ToDictionary(c => c.Type, c => c.Converter);

    private static (Type Type, JsonConverter Converter) Converter<TEnum>() where TEnum : struct, Enum =>
        (typeof(OuraEnum<TEnum>), new OuraEnumJsonConverter<TEnum>());
}

internal sealed class OuraEnumJsonConverter<TEnum> : JsonConverter<OuraEnum<TEnum>> where TEnum : struct, Enum
{
    public override OuraEnum<TEnum> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new OuraEnum<TEnum>(reader.GetString()!),
            // Leniency: a number or boolean where a string was expected is kept as its text, not rejected.
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                new OuraEnum<TEnum>(JsonDocument.ParseValue(ref reader).RootElement.GetRawText()),
            _ => throw new JsonException($"Expected a string for {typeof(TEnum).Name}."),
        };

    public override void Write(Utf8JsonWriter writer, OuraEnum<TEnum> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
