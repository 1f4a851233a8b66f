using System.Net;
using System.Net.Http.Headers;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Tests.Http;

public class AuthTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dG9rZW4tMQ==")]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer")]
    public async Task A_data_route_answers_401_without_a_known_bearer_token(string? authorization)
    {
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(Day));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/usercollection/daily_sleep");
        request.Headers.Authorization = null;
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        fake.Client.DefaultRequestHeaders.Authorization = null;

        using var response = await fake.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"detail\"");
    }

    [Fact]
    public async Task A_token_past_its_expiry_answers_401()
    {
        var person = TestPerson.WithOneOfEach(Day);
        await using var fake = FakeOuraHarness.Start(person);
        fake.Server.AddAccount(new FakeAccount("short-lived", person, ExpiresAt: fake.Clock.GetUtcNow().AddMinutes(10)));
        fake.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "short-lived");

        (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.OK);
        fake.Clock.Advance(TimeSpan.FromMinutes(10));
        (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_and_expired_tokens_answer_401_from_then_on_whether_set_in_code_or_over_http()
    {
        var person = TestPerson.WithOneOfEach(Day);
        await using var fake = FakeOuraHarness.Start(person);
        fake.Server.AddAccount(new FakeAccount("a", person));
        fake.Server.AddAccount(new FakeAccount("b", person));
        fake.Server.AddAccount(new FakeAccount("c", person));

        fake.Server.Revoke("a").Should().BeTrue();
        (await fake.Client.PostAsync("_fake/accounts/b/expire", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fake.Client.PostAsync("_fake/accounts/c/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fake.Client.PostAsync("_fake/accounts/nobody/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        foreach (var token in new[] { "a", "b", "c" })
        {
            fake.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, token);
        }
        fake.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeOuraHarness.Token);
        (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_collection_whose_scope_the_token_lacks_answers_403_and_one_without_a_scope_needs_none()
    {
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(Day), scopes: ["daily"]);

        (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fake.GetAsync("v2/usercollection/heartrate")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fake.GetAsync("v2/usercollection/workout/workout-1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fake.GetAsync("v2/sandbox/usercollection/tag")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fake.GetAsync("v2/usercollection/personal_info")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Oura lists no scope for the newer types.
        OuraCatalog.DailyStress.Scope.Should().BeNull();
        (await fake.GetAsync("v2/usercollection/daily_stress")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Personal_info_is_the_bare_document_and_carries_the_email_only_with_the_email_scope()
    {
        var person = TestPerson.WithOneOfEach(Day);
        await using var fake = FakeOuraHarness.Start(person, scopes: ["personal"]);
        fake.Server.AddAccount(new FakeAccount("with-email", person, ["personal", "email"]));

        var without = await fake.GetJsonAsync("v2/usercollection/personal_info");
        without.GetProperty("id").GetString().Should().Be(person.Id);
        without.GetProperty("age").GetInt32().Should().Be(41);
        without.TryGetProperty("email", out var email).Should().BeTrue();
        email.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        fake.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "with-email");
        (await fake.GetJsonAsync("v2/usercollection/personal_info")).GetProperty("email").GetString().Should().Be("person@example.com");
    }
}
