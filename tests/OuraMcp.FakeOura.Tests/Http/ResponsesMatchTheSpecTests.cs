using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.FakeOura.Tests.Data;
using OuraMcp.FakeOura.Tests.Support;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Http;

/// <summary>
/// What the fake serves over HTTP, operation by operation as the spec lists them, validated by a real JSON-schema
/// validator against the response schema each operation documents (envelopes, anyOf unions and the fields-projected
/// Dict variant included). The data tests validate the models; this validates the wire.
/// </summary>
public sealed class ResponsesMatchTheSpecTests
{
    private static readonly JsonElement Paths = JsonDocument.Parse(File.ReadAllText(SpecFile.Path)).RootElement.GetProperty("paths").Clone();

    [NodeFact]
    public async Task Every_operation_answers_with_its_documented_status_and_a_body_that_validates()
    {
        await using var harness = FakeOuraHarness.Start(People.Demo);
        var instances = new JsonArray();
        var subscriptionId = "";

        // Create first, so the subscription routes have an id; delete last.
        var operations = Paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Path: p.Name, Method: m.Name)))
            .OrderBy(o => o.Method == "post" ? 0 : o.Method == "delete" ? 2 : 1)
            .ToList();
        operations.Should().HaveCount(75);

        foreach (var (path, method) in operations)
        {
            var status = Paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Name;
            using var request = BuildRequest(path, method, subscriptionId);
            using var response = await harness.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ToString().Should().Be(status, $"{method.ToUpperInvariant()} {request.RequestUri} answered {body}");

            if (response.StatusCode == HttpStatusCode.NoContent) continue;
            var json = JsonNode.Parse(body)!;
            if (method == "post") subscriptionId = json["id"]!.GetValue<string>();
            instances.Add(Instance($"{method} {request.RequestUri}", path, method, status, json));
        }

        // The fields projection answers with the MultiDocumentResponseDict side of the union.
        var projected = await harness.GetJsonAsync($"/v2/usercollection/daily_sleep?{DayRange()}&fields=score");
        instances.Add(Instance("daily_sleep fields=score", "/v2/usercollection/daily_sleep", "get", "200", JsonNode.Parse(projected.GetRawText())!, projected: true));

        var (exitCode, output) = OuraSchemaValidator.Validate(instances);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"{instances.Count} valid, 0 invalid");
    }

    private static HttpRequestMessage BuildRequest(string template, string method, string subscriptionId)
    {
        var path = template.Replace("{id}", subscriptionId);
        var query = "";
        var name = template.Split('/').SkipWhile(s => s != "usercollection").Skip(1).FirstOrDefault();
        if (name is not null && OuraCatalog.Find(name) is { } collection)
        {
            if (path.Contains("{document_id}"))
                path = path.Replace("{document_id}", People.Demo.Documents(collection)[^1].Id);
            else if (collection.Range == RangeKind.Dates)
                query = "?" + DayRange();
            else if (collection.Range == RangeKind.DateTimes)
                query = "?start_datetime=2026-03-04T00:00:00%2B02:00&end_datetime=2026-03-05T00:00:00%2B02:00";
        }

        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.TrimStart('/') + query);
        if (template.StartsWith("/v2/webhook/", StringComparison.Ordinal))
        {
            request.Headers.Add("x-client-id", "fake-client-id");
            request.Headers.Add("x-client-secret", "fake-client-secret");
            if (method is "post" or "put" && !template.Contains("/renew/"))
            {
                var body = new JsonObject
                {
                    ["callback_url"] = "https://example.invalid/oura", ["verification_token"] = "verify-me",
                    ["event_type"] = "create", ["data_type"] = "sleep",
                };
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
        }
        return request;
    }

    private static string DayRange() => $"start_date={People.LastDay.AddDays(-3):yyyy-MM-dd}&end_date={People.LastDay:yyyy-MM-dd}";

    private static JsonObject Instance(string label, string path, string method, string status, JsonNode instance, bool projected = false) => new()
    {
        ["label"] = label,
        ["operation"] = new JsonObject { ["path"] = path, ["method"] = method, ["status"] = status, ["projected"] = projected },
        ["instance"] = instance,
    };
}
