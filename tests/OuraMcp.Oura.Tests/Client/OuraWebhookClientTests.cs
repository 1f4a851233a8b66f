using System.Net;
using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Tests.Client;

public class OuraWebhookClientTests
{
    private const string Subscription =
        """{"id":"9d2b3f3e-0a4c-4d8e-9a51-3c1f0e7b2a10","callback_url":"https://me.test/hook","event_type":"create","data_type":"sleep","expiration_time":"2026-04-05T12:00:00+00:00"}""";

    private static readonly CreateWebhookSubscriptionRequest Create = new()
    {
        CallbackUrl = "https://me.test/hook", VerificationToken = "verify-me", EventType = WebhookOperation.Create, DataType = WebhookDataType.Sleep,
    };

    [Fact]
    public async Task Each_operation_uses_the_catalog_method_and_path_with_app_credentials()
    {
        var h = new ClientHarness();
        var bodies = new List<string?>();
        var options = new List<bool>();
        void Capture(HttpRequestMessage r)
        {
            bodies.Add(r.Content?.ReadAsStringAsync().GetAwaiter().GetResult());
            options.Add(r.Options.TryGetValue(new HttpRequestOptionsKey<bool>("OuraMcp.AppCredentials"), out var app) && app);
        }

        h.Handler
            .Then(r => { Capture(r); return Json(HttpStatusCode.OK, $"[{Subscription}]"); })
            .Then(r => { Capture(r); return Json(HttpStatusCode.Created, Subscription); })
            .Then(r => { Capture(r); return Json(HttpStatusCode.OK, Subscription); })
            .Then(r => { Capture(r); return Json(HttpStatusCode.OK, Subscription); })
            .Then(r => { Capture(r); return new HttpResponseMessage(HttpStatusCode.NoContent); })
            .Then(r => { Capture(r); return Json(HttpStatusCode.OK, Subscription); });

        (await h.Webhooks.ListAsync(default)).Should().ContainSingle().Which.DataType.Is(WebhookDataType.Sleep).Should().BeTrue();
        (await h.Webhooks.CreateAsync(Create, default)).CallbackUrl.Should().Be("https://me.test/hook");
        (await h.Webhooks.GetAsync("id 1", default)).Id.Should().StartWith("9d2b");
        await h.Webhooks.UpdateAsync("id 1", new UpdateWebhookSubscriptionRequest { VerificationToken = "verify-me", CallbackUrl = "https://me.test/v2" }, default);
        await h.Webhooks.DeleteAsync("id 1", default);
        await h.Webhooks.RenewAsync("id 1", default);

        h.Requests.Select(r => $"{r.Method} {r.Uri.AbsoluteUri}").Should().Equal(
            "GET https://oura.test/v2/webhook/subscription",
            "POST https://oura.test/v2/webhook/subscription",
            "GET https://oura.test/v2/webhook/subscription/id%201",
            "PUT https://oura.test/v2/webhook/subscription/id%201",
            "DELETE https://oura.test/v2/webhook/subscription/id%201",
            "PUT https://oura.test/v2/webhook/subscription/renew/id%201");
        h.Requests.Select(r => (r.Method.Method, OuraCatalog.WebhookOperations.Count(o => o.Method == r.Method.Method))).Should().OnlyContain(p => p.Item2 > 0);
        foreach (var r in h.Requests)
        {
            r.Headers["x-client-id"].Should().Be(ClientHarness.ClientId);
            r.Headers["x-client-secret"].Should().Be(ClientHarness.ClientSecret);
        }

        options.Should().OnlyContain(o => o, "the pipeline must add no bearer token to app-authenticated calls");
        using (var created = JsonDocument.Parse(bodies[1]!))
        {
            created.RootElement.GetProperty("callback_url").GetString().Should().Be("https://me.test/hook");
            created.RootElement.GetProperty("event_type").GetString().Should().Be("create");
            created.RootElement.GetProperty("data_type").GetString().Should().Be("sleep");
            created.RootElement.GetProperty("verification_token").GetString().Should().Be("verify-me");
        }

        bodies[3].Should().Contain("\"verification_token\":\"verify-me\"");
        bodies.Where((_, i) => i is 0 or 2 or 4 or 5).Should().OnlyContain(b => b == null);
    }

    [Fact]
    public async Task An_unknown_subscription_id_answered_with_403_is_not_found()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Forbidden, """{"detail":"Webhook with specified id does not exist."}""");

        var act = () => h.Webhooks.GetAsync("nope-42", default);

        var e = (await act.Should().ThrowAsync<OuraNotFoundException>()).Which;
        e.Message.Should().Contain("id 'nope-42' does not exist for this app");
        OuraClientErrorTests.AssertNoSecret(e);
    }

    [Fact]
    public async Task A_403_without_an_id_is_about_the_app_credentials()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Forbidden);

        var act = () => h.Webhooks.ListAsync(default);

        var e = (await act.Should().ThrowAsync<OuraForbiddenException>()).Which;
        e.Message.Should().Contain("OURA_CLIENT_ID");
        OuraClientErrorTests.AssertNoSecret(e);
    }

    [Fact]
    public async Task A_422_on_create_lists_the_problems()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.UnprocessableEntity,
            $$"""{"detail":[{"loc":["body","callback_url"],"msg":"URL scheme should be 'https' ({{ClientHarness.ClientSecret}})","type":"url_scheme"}]}""");

        var act = () => h.Webhooks.CreateAsync(Create, default);

        var e = (await act.Should().ThrowAsync<OuraValidationException>()).Which;
        e.Problems.Should().Equal("callback_url: URL scheme should be 'https' ([redacted])");
        OuraClientErrorTests.AssertNoSecret(e);
    }

    [Theory]
    [InlineData(null, "secret", "OURA_CLIENT_ID is not set")]
    [InlineData("id", null, "OURA_CLIENT_SECRET is not set")]
    [InlineData(null, " ", "OURA_CLIENT_ID and OURA_CLIENT_SECRET are not set")]
    public async Task Missing_app_credentials_are_named_by_their_environment_variables(string? id, string? secret, string expected)
    {
        var h = new ClientHarness(o => { o.ClientId = id; o.ClientSecret = secret; });

        var act = () => h.Webhooks.ListAsync(default);

        (await act.Should().ThrowAsync<OuraApiException>()).Which.Message.Should().Contain(expected);
        h.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_subscription_answer_that_is_not_json_is_Oura_being_unavailable()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("{\"id\":");

        var act = () => h.Webhooks.RenewAsync("x", default);

        (await act.Should().ThrowAsync<OuraUnavailableException>()).Which.Message.Should().Contain("could not be read");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => OuraMcp.Testing.ScriptedHttpHandler.Json(status, json);
}
