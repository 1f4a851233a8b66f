using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.FakeOura.Data;
using OuraMcp.FakeOura.Tests.Support;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Data;

/// <summary>The synthetic people's documents, as Oura's envelopes, checked by a real JSON-schema validator (Ajv).</summary>
public sealed class SchemaValidationTests
{
    /// <summary>The spec's schema name for each model.</summary>
    private static readonly Dictionary<Type, string> SchemaNames = new()
    {
        [typeof(DailyActivity)] = "PublicDailyActivity",
        [typeof(DailyCardiovascularAge)] = "PublicDailyCardiovascularAge",
        [typeof(DailyReadiness)] = "PublicDailyReadiness",
        [typeof(DailyResilience)] = "DailyResilienceModel",
        [typeof(DailySleep)] = "PublicDailySleep",
        [typeof(DailySpO2)] = "PublicDailySpO2",
        [typeof(DailyStress)] = "PublicDailyStress",
        [typeof(EnhancedTag)] = "EnhancedTagModel",
        [typeof(HeartRateSample)] = "PublicHeartRateRow",
        [typeof(RestModePeriod)] = "PublicRestModePeriod",
        [typeof(RingBatteryLevel)] = "PublicRingBatteryLevelRow",
        [typeof(RingConfiguration)] = "PublicRingConfiguration",
        [typeof(Session)] = "PublicSession",
        [typeof(SleepPeriod)] = "PublicModifiedSleepModel",
        [typeof(SleepTime)] = "PublicSleepTime",
        [typeof(Tag)] = "TagModel",
        [typeof(VO2Max)] = "PublicVO2Max",
        [typeof(Workout)] = "PublicWorkout",
    };

    /// <summary>60 days spread over the year, plus both DST changes in Helsinki and Los Angeles.</summary>
    private static readonly HashSet<DateOnly> SampleDays =
    [
        .. Enumerable.Range(0, 60).Select(i => People.LastDay.AddDays(-i * 400 / 60)),
        new(2025, 3, 30), new(2025, 10, 26), new(2025, 3, 9), new(2025, 11, 2),
    ];

    [NodeFact]
    public void Every_collection_of_both_people_validates_against_the_spec()
    {
        var instances = new JsonArray();
        foreach (var person in new[] { People.Demo, People.Second })
        {
            instances.Add(Instance(person.Id + " personal_info", "PersonalInfoResponse",
                JsonSerializer.SerializeToNode(person.PersonalInfo, OuraJson.Options)!));
            foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton))
            {
                var documents = person.Documents(collection);
                // Small collections in full; large ones on the sample days, so one run stays quick.
                var chosen = documents.Count < 200 ? documents : documents.Where(d => SampleDays.Contains(d.Day)).ToList();
                chosen.Should().NotBeEmpty($"{person.Id} has {collection.Name} data on the sample days");
                var data = new JsonArray(chosen.Select(d => JsonSerializer.SerializeToNode(d.Model, d.Model.GetType(), OuraJson.Options)).ToArray());
                var envelope = new JsonObject { ["data"] = data, ["next_token"] = null };
                var schema = SchemaNames[collection.ModelType];
                var envelopeName = collection.Range == RangeKind.DateTimes ? $"TimeSeriesResponse_{schema}_" : $"MultiDocumentResponse_{schema}_";
                instances.Add(Instance($"{person.Id} {collection.Name}", envelopeName, envelope));
            }
        }

        var (exitCode, output) = Validate(instances);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"{instances.Count} valid, 0 invalid");
    }

    [NodeFact]
    public void The_validator_rejects_a_document_that_breaks_the_schema()
    {
        var document = People.Demo.Documents(OuraCatalog.Workout)[0];
        var node = JsonSerializer.SerializeToNode(document.Model, document.Model.GetType(), OuraJson.Options)!;
        node["intensity"] = "extreme";
        var instances = new JsonArray { Instance("broken workout", "MultiDocumentResponse_PublicWorkout_", new JsonObject { ["data"] = new JsonArray(node), ["next_token"] = null }) };

        var (exitCode, output) = Validate(instances);

        exitCode.Should().NotBe(0);
        output.Should().Contain("/data/0/intensity");
    }

    private static JsonObject Instance(string label, string schema, JsonNode instance) =>
        new() { ["label"] = label, ["schema"] = schema, ["instance"] = instance };

    private static (int ExitCode, string Output) Validate(JsonArray instances) => OuraSchemaValidator.Validate(instances);
}
