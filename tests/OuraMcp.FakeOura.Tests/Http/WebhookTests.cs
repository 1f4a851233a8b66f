using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Http;

public class WebhookTests
{
    private static HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        RouteCoverageTests.AddAppCredentials(request);
        return request;
    }

    [Fact]
    public async Task Subscriptions_are_created_listed_read_updated_renewed_and_deleted()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());
        var created = fake.Clock.GetUtcNow();

        using var create = await fake.Client.SendAsync(Request(HttpMethod.Post, "v2/webhook/subscription",
            new { callback_url = "https://example.com/hook", verification_token = "v", event_type = "create", data_type = "vo2_max" }));
        create.StatusCode.Should().Be(HttpStatusCode.Created);
        var subscription = await create.Content.ReadFromJsonAsync<JsonElement>();
        var id = subscription.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).Should().BeTrue();
        subscription.GetProperty("data_type").GetString().Should().Be("vo2_max");
        var expires = subscription.GetProperty("expiration_time").GetDateTimeOffset();
        expires.Should().BeAfter(created.AddDays(7));

        var list = await (await fake.Client.SendAsync(Request(HttpMethod.Get, "v2/webhook/subscription"))).Content.ReadFromJsonAsync<JsonElement>();
        list.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal(id);

        using var get = await fake.Client.SendAsync(Request(HttpMethod.Get, $"v2/webhook/subscription/{id}"));
        get.StatusCode.Should().Be(HttpStatusCode.OK);

        using var update = await fake.Client.SendAsync(Request(HttpMethod.Put, $"v2/webhook/subscription/{id}", new { verification_token = "v", event_type = "delete" }));
        update.StatusCode.Should().Be(HttpStatusCode.OK);
        var updated = await update.Content.ReadFromJsonAsync<JsonElement>();
        updated.GetProperty("event_type").GetString().Should().Be("delete");
        updated.GetProperty("callback_url").GetString().Should().Be("https://example.com/hook");

        fake.Clock.Advance(TimeSpan.FromDays(3));
        using var renew = await fake.Client.SendAsync(Request(HttpMethod.Put, $"v2/webhook/subscription/renew/{id}"));
        renew.StatusCode.Should().Be(HttpStatusCode.OK);
        (await renew.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiration_time").GetDateTimeOffset().Should().Be(expires.AddDays(3));

        using var delete = await fake.Client.SendAsync(Request(HttpMethod.Delete, $"v2/webhook/subscription/{id}"));
        delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await delete.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET", "v2/webhook/subscription/{0}")]
    [InlineData("PUT", "v2/webhook/subscription/{0}")]
    [InlineData("DELETE", "v2/webhook/subscription/{0}")]
    [InlineData("PUT", "v2/webhook/subscription/renew/{0}")]
    public async Task An_unknown_subscription_id_answers_403_as_Oura_does(string method, string path)
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());

        using var response = await fake.Client.SendAsync(Request(new HttpMethod(method), string.Format(path, Guid.NewGuid()),
            method == "PUT" && !path.Contains("renew") ? new { verification_token = "v" } : null));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Be("Webhook with specified id does not exist.");
    }

    [Theory]
    [InlineData("fake-client-id", "wrong")]
    [InlineData("wrong", "fake-client-secret")]
    [InlineData(null, null)]
    public async Task Webhook_routes_answer_401_without_the_app_credentials(string? id, string? secret)
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/webhook/subscription");
        if (id is not null) request.Headers.Add("x-client-id", id);
        if (secret is not null) request.Headers.Add("x-client-secret", secret);

        (await fake.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a bearer token is no substitute for app credentials");
    }

    [Fact]
    public async Task An_invalid_create_body_answers_422_naming_each_bad_member()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());

        using var response = await fake.Client.SendAsync(Request(HttpMethod.Post, "v2/webhook/subscription",
            new { callback_url = "https://example.com/hook", event_type = "upsert", data_type = "heartrate" }));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await ValidationErrors.ReadAsync(response);
        error.Detail!.Select(d => string.Join('.', d.Loc.Select(l => l.ToString()))).Should().BeEquivalentTo(
            ["body.verification_token", "body.event_type", "body.data_type"]);
        error.Detail!.Single(d => d.Type == "missing").Msg.Should().Be("Field required");

        using var broken = await fake.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v2/webhook/subscription")
        {
            Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "x-client-id", "fake-client-id" }, { "x-client-secret", "fake-client-secret" } },
        });
        broken.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task With_verification_on_a_subscription_is_created_only_when_the_callback_echoes_the_challenge()
    {
        var callback = new ScriptedHttpHandler();
        callback.Then(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            query["verification_token"].Should().Be("v");
            return ScriptedHttpHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { challenge = query["challenge"] }));
        });
        callback.ThenStatus(HttpStatusCode.OK, """{"challenge":"something else"}""");
        await using var fake = FakeOuraHarness.Start(new TestPerson(), options =>
        {
            options.VerifyWebhookCallbacks = true;
            options.WebhookCallbackHandler = callback;
        });
        var body = new { callback_url = "https://example.com/hook?app=1", verification_token = "v", event_type = "update", data_type = "sleep" };

        (await fake.Client.SendAsync(Request(HttpMethod.Post, "v2/webhook/subscription", body))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await fake.Client.SendAsync(Request(HttpMethod.Post, "v2/webhook/subscription", body))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        callback.Requests.Should().HaveCount(2);
        callback.Requests.First().Uri.Query.Should().StartWith("?app=1&verification_token=v&challenge=");
    }
}
