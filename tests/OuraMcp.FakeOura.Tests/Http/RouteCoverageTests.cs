using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Http;

public class RouteCoverageTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);

    [Fact]
    public async Task Every_operation_of_the_spec_answers_a_valid_request_with_its_documented_success_status()
    {
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(Day));
        using var spec = JsonDocument.Parse(File.ReadAllText(SpecFile.Path));
        var webhookId = await CreateWebhookAsync(fake);

        var checkedPaths = new HashSet<string>();
        var operations = 0;
        foreach (var path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var expected = int.Parse(operation.Value.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Name);
                var url = path.Name.Replace("{document_id}", DocumentIdFor(path.Name)).Replace("{id}", webhookId);
                if (path.Name.Contains("heartrate") || path.Name.Contains("ring_battery_level"))
                    url += "?start_datetime=2026-03-05T00:00:00Z&end_datetime=2026-03-06T00:00:00Z";
                else if (!path.Name.Contains("{") && !path.Name.Contains("webhook") && !path.Name.EndsWith("personal_info") && !path.Name.EndsWith("ring_configuration"))
                    url += "?start_date=2026-03-05&end_date=2026-03-06";

                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url.TrimStart('/'));
                if (path.Name.StartsWith("/v2/webhook", StringComparison.Ordinal))
                {
                    AddAppCredentials(request);
                    if (operation.Name == "put" && !path.Name.Contains("renew")) request.Content = JsonContent.Create(new { verification_token = "v" });
                    if (operation.Name == "post") request.Content = WebhookBody();
                }
                using var response = await fake.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                ((int)response.StatusCode).Should().Be(expected, $"{operation.Name.ToUpperInvariant()} {url} answered {body}");
                if (expected == 200 && !path.Name.Contains("webhook"))
                {
                    var json = JsonDocument.Parse(body).RootElement;
                    if (json.TryGetProperty("data", out var data)) data.GetArrayLength().Should().Be(1, url);
                }
                // Delete last, so later operations on {id} still find the subscription.
                if (operation.Name == "delete") webhookId = await CreateWebhookAsync(fake);
                operations++;
                checkedPaths.Add(path.Name);
            }
        }

        checkedPaths.Should().HaveCount(72);
        operations.Should().Be(75);
    }

    [Fact]
    public async Task A_path_Oura_does_not_have_answers_404_with_a_detail()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());
        var body = await fake.GetJsonAsync("/v2/usercollection/meal", 404);
        body.GetProperty("detail").GetString().Should().Be("Not Found");
    }

    private static string DocumentIdFor(string path)
    {
        var collection = OuraCatalog.All.FirstOrDefault(c => path.StartsWith(c.Path + "/", StringComparison.Ordinal) || path.StartsWith(c.SandboxPath + "/", StringComparison.Ordinal));
        return collection is null ? "" : $"{collection.Name}-1";
    }

    internal static void AddAppCredentials(HttpRequestMessage request, string id = "fake-client-id", string secret = "fake-client-secret")
    {
        request.Headers.Add("x-client-id", id);
        request.Headers.Add("x-client-secret", secret);
    }

    internal static JsonContent WebhookBody(string dataType = "sleep") =>
        JsonContent.Create(new { callback_url = "https://example.com/hook", verification_token = "secret-v", event_type = "create", data_type = dataType });

    private static async Task<string> CreateWebhookAsync(FakeOuraHarness fake)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/webhook/subscription") { Content = WebhookBody() };
        AddAppCredentials(request);
        using var response = await fake.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }
}
