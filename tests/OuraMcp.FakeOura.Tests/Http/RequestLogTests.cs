using System.Net.Http.Json;
using System.Text.Json;

namespace OuraMcp.FakeOura.Tests.Http;

public class RequestLogTests
{
    [Fact]
    public async Task The_log_records_what_the_client_sent_with_a_token_fingerprint_never_the_token()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson().DailySleep(new(2026, 3, 5)));

        await fake.GetAsync("v2/usercollection/daily_sleep?start_date=2026-03-05&end_date=2026-03-06");
        await fake.GetAsync("v2/usercollection/daily_sleep/missing");

        var logged = fake.Server.Requests.All;
        logged.Should().HaveCount(2);
        var first = logged[0];
        first.Method.Should().Be("GET");
        first.Path.Should().Be("/v2/usercollection/daily_sleep");
        first.Query.Should().BeEquivalentTo(new Dictionary<string, string> { ["start_date"] = "2026-03-05", ["end_date"] = "2026-03-06" });
        first.AuthorizationScheme.Should().Be("Bearer");
        first.TokenFingerprint.Should().Be(FakeRequestLog.Fingerprint(FakeOuraHarness.Token)).And.HaveLength(8).And.NotContain(FakeOuraHarness.Token);
        first.Status.Should().Be(200);
        first.At.Should().Be(fake.Clock.GetUtcNow());
        logged[1].Status.Should().Be(404);
        fake.Server.Requests.Count("/v2/usercollection/daily_sleep/").Should().Be(1);
        fake.Server.Requests.Count("/v2/usercollection/workout").Should().Be(0);

        var overHttp = await fake.Client.GetFromJsonAsync<JsonElement>("_fake/requests");
        overHttp.GetArrayLength().Should().Be(2);
        overHttp[0].GetProperty("token_fingerprint").GetString().Should().Be(first.TokenFingerprint);
        overHttp.GetRawText().Should().NotContain(FakeOuraHarness.Token);

        await fake.Client.DeleteAsync("_fake/requests");
        fake.Server.Requests.Count().Should().Be(0);
        await fake.GetAsync("v2/usercollection/daily_sleep");
        fake.Server.Requests.Clear();
        fake.Server.Requests.All.Should().BeEmpty();
    }

    [Fact]
    public async Task Webhook_calls_are_logged_without_their_client_secret()
    {
        await using var fake = FakeOuraHarness.Start(new TestPerson());
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/webhook/subscription");
        RouteCoverageTests.AddAppCredentials(request);
        fake.Client.DefaultRequestHeaders.Authorization = null;

        await fake.Client.SendAsync(request);

        var logged = fake.Server.Requests.All.Single();
        logged.AuthorizationScheme.Should().BeNull();
        logged.TokenFingerprint.Should().BeNull();
        logged.Status.Should().Be(200);
    }
}
