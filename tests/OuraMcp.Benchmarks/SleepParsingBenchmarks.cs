using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Benchmarks;

/// <summary>
/// Parsing throughput: one page of 30 days of <c>sleep</c> documents (Oura's PublicModifiedSleepModel, with their
/// hypnograms and heart-rate, HRV and movement samples), generated from the demo person, parsed with the
/// source-generated metadata the client uses.
/// </summary>
public class SleepParsingBenchmarks
{
    private static readonly DateOnly LastDay = new(2026, 3, 20);
    private static readonly DateOnly FirstDay = LastDay.AddDays(-29);

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var documents = FakeDefaults.CreateDemoPerson(LastDay).Documents(OuraCatalog.Sleep)
            .Where(d => d.Day >= FirstDay && d.Day <= LastDay)
            .Select(d => (SleepPeriod)d.Model)
            .ToList();
        var withDetail = documents.Count(s => s.SleepPhase5Min is not null && s.HeartRate?.Items is { Count: > 0 });
        if (withDetail < 30)
            throw new InvalidOperationException($"Expected 30 nights with hypnograms and samples; {withDetail} of {documents.Count} documents have them.");

        // Serialized once with the client's metadata. The writer escapes like Oura (and the fake) do, writing "+02:00"
        // as it is rather than the default encoder's "\u002B02:00", so the bytes parsed are the size Oura sends.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, new OuraPage<SleepPeriod> { Data = documents }, OuraCatalog.Sleep.PageTypeInfo);
        }
        _json = buffer.ToArray();

        if (Parse() != documents.Count) throw new InvalidOperationException("The serialized page does not parse back to the same documents.");
        Payloads.Record(ThroughputColumn.ParsingCategory, _json.Length);
    }

    /// <summary>From bytes already in memory: the parser alone.</summary>
    [Benchmark(Baseline = true, Description = "sleep 30 d: parse from byte[]")]
    [BenchmarkCategory(ThroughputColumn.ParsingCategory)]
    public int Parse() => (JsonSerializer.Deserialize(_json, OuraCatalog.Sleep.PageTypeInfo) ?? throw new InvalidOperationException("null page")).Data.Count;

    /// <summary>From a stream, as the client reads a response body (DeserializeAsync buffers it in chunks).</summary>
    [Benchmark(Description = "sleep 30 d: parse from Stream (async)")]
    [BenchmarkCategory(ThroughputColumn.ParsingCategory)]
    public async Task<int> ParseStreamAsync()
    {
        using var stream = new MemoryStream(_json, writable: false);
        var page = await JsonSerializer.DeserializeAsync(stream, OuraCatalog.Sleep.PageTypeInfo) ?? throw new InvalidOperationException("null page");
        return page.Data.Count;
    }
}
