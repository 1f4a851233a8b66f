// Generated once from openapi-1.35.json, then maintained by hand.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OuraMcp.Oura.Models;

/// <summary>Values of Oura's <c>PublicRingColor</c>. Oura adds values over time: read it through <see cref="OuraEnum{TEnum}"/>.</summary>
public enum RingColor
{
    [JsonStringEnumMemberName("brushed_silver")] BrushedSilver,
    [JsonStringEnumMemberName("glossy_black")] GlossyBlack,
    [JsonStringEnumMemberName("glossy_gold")] GlossyGold,
    [JsonStringEnumMemberName("glossy_white")] GlossyWhite,
    [JsonStringEnumMemberName("gucci")] Gucci,
    [JsonStringEnumMemberName("matt_gold")] MattGold,
    [JsonStringEnumMemberName("rose")] Rose,
    [JsonStringEnumMemberName("silver")] Silver,
    [JsonStringEnumMemberName("stealth_black")] StealthBlack,
    [JsonStringEnumMemberName("titanium")] Titanium,
    [JsonStringEnumMemberName("titanium_and_gold")] TitaniumAndGold,
    [JsonStringEnumMemberName("cloud")] Cloud,
    [JsonStringEnumMemberName("petal")] Petal,
    [JsonStringEnumMemberName("midnight")] Midnight,
    [JsonStringEnumMemberName("tide")] Tide,
    [JsonStringEnumMemberName("deep_rose")] DeepRose,
}
