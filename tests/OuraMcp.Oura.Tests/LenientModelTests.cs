using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Tests;

public class LenientModelTests
{
    [Fact]
    public void Unknown_enum_values_and_members_are_kept_not_rejected()
    {
        const string json = """
            {"data":[{"id":"a","day":"2026-03-05","bedtime_start":"2026-03-04T23:10:00+02:00","bedtime_end":"2026-03-05T07:00:00+02:00",
              "low_battery_alert":false,"period":0,"time_in_bed":28200,"type":"polyphasic_siesta","brand_new_metric":{"x":1}}],
             "next_token":null}
            """;
        var page = JsonSerializer.Deserialize(json, OuraCatalog.Sleep.PageTypeInfo)!;

        var sleep = page.Data.Single();
        sleep.Type!.Value.Value.Should().Be("polyphasic_siesta");
        sleep.Type.Value.Known.Should().BeNull();
        sleep.Unknown.Should().ContainKey("brand_new_metric");
        JsonSerializer.Serialize(sleep, OuraCatalog.Sleep.ModelTypeInfo).Should().Contain("\"brand_new_metric\":{\"x\":1}").And.Contain("polyphasic_siesta");
    }

    [Fact]
    public void Known_enum_values_map_to_their_members()
    {
        var sleep = JsonSerializer.Deserialize("""{"id":"a","type":"long_sleep"}""", OuraCatalog.Sleep.ModelTypeInfo)!;
        sleep.Type!.Value.Known.Should().Be(SleepType.LongSleep);
        sleep.Type.Value.Is(SleepType.LongSleep).Should().BeTrue();
    }

    [Fact]
    public void Time_series_pages_parse_without_next_token()
    {
        var page = JsonSerializer.Deserialize("""{"data":[{"timestamp":"2026-03-05T08:00:00+00:00","timestamp_unix":1772697600000,"bpm":61,"source":"awake"}]}""",
            OuraCatalog.HeartRate.PageTypeInfo)!;
        page.NextToken.Should().BeNull();
        page.Data.Single().Bpm.Should().Be(61);
        page.Data.Single().Source.Known.Should().Be(HeartRateSource.Awake);
    }

    [Fact]
    public void Every_collection_has_source_generated_metadata()
    {
        foreach (var c in OuraCatalog.All)
            OuraJson.Options.GetTypeInfo(c.ModelType).Should().NotBeNull(c.Name);
    }

    [Fact]
    public void A_required_enum_missing_from_a_projection_reads_as_empty_not_null()
    {
        var row = JsonSerializer.Deserialize("""{"timestamp":"2026-03-05T08:00:00+00:00","bpm":61}""", OuraCatalog.HeartRate.ModelTypeInfo)!;
        row.Source.Value.Should().Be("");
        row.Source.Known.Should().BeNull();
    }
}
