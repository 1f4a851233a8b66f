using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OuraMcp.FakeOura.Tests.Http;

public class FaultTests
{
    private const string Sleep = "v2/usercollection/daily_sleep?start_date=2026-03-01&end_date=2026-03-07";

    private static TestPerson Person() => new TestPerson().DailySleep(new(2026, 3, 1)).DailySleep(new(2026, 3, 2)).DailySleep(new(2026, 3, 3));

    [Theory]
    [InlineData("per-token")]
    [InlineData("per-application")]
    public async Task A_rate_limit_answers_429_with_all_five_headers_consistent_with_the_clock(string tier)
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.RateLimit(retryAfterSeconds: 37, tier: tier);

        using var limited = await fake.GetAsync(Sleep);

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int Header(string name) => int.Parse(limited.Headers.GetValues(name).Single());
        Header("Retry-After").Should().Be(37);
        Header("X-RateLimit-Limit").Should().BePositive();
        Header("X-RateLimit-Window").Should().BePositive();
        long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single()).Should().Be(fake.Clock.GetUtcNow().ToUnixTimeSeconds() + 37);
        limited.Headers.GetValues("X-RateLimit-Tier").Single().Should().Be(tier);
        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.OK, "the fault was for one request");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_answers_its_status_for_count_requests_then_recovers(int status)
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.ServerError(status, count: 2);

        ((int)(await fake.GetAsync(Sleep)).StatusCode).Should().Be(status);
        ((int)(await fake.GetAsync(Sleep)).StatusCode).Should().Be(status);
        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.OK);
        fake.Server.Faults.Active.Should().BeEmpty();
    }

    [Fact]
    public async Task A_fault_with_a_path_prefix_only_hits_matching_requests_and_count_null_lasts_until_cleared()
    {
        await using var fake = FakeOuraHarness.Start(TestPerson.WithOneOfEach(new(2026, 3, 5)));
        fake.Server.Faults.Forbidden(count: null, pathPrefix: "/v2/usercollection/workout");

        (await fake.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++) (await fake.GetAsync("v2/usercollection/workout")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        fake.Server.Faults.Clear();
        (await fake.GetAsync("v2/usercollection/workout")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_token_fault_answers_401_for_a_valid_token()
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.ExpiredToken();

        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_delay_holds_the_answer_until_the_fake_clock_has_moved()
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.Delay(TimeSpan.FromSeconds(30));

        var pending = fake.GetAsync(Sleep);
        await WaitUntil(() => fake.Server.Faults.Waiting == 1);
        fake.Clock.Advance(TimeSpan.FromSeconds(29));
        // Advancing fires every timer that fell due before it returns: the held answer's timer is still there, one second out.
        fake.Clock.TimersDueWithin(TimeSpan.Zero).Should().Be(0);
        fake.Clock.TimersDueWithin(TimeSpan.FromSeconds(1)).Should().Be(1, "the answer is held for 30 s, not 29");
        pending.IsCompleted.Should().BeFalse();

        fake.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_timeout_never_answers_and_the_client_giving_up_is_logged_as_499()
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.Timeout();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var act = () => fake.Client.GetAsync(Sleep, giveUp.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        await WaitUntil(() => fake.Server.Requests.Count() == 1);
        fake.Server.Requests.All.Single().Status.Should().Be(499);
        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_json_is_a_200_whose_body_does_not_parse()
    {
        await using var fake = FakeOuraHarness.Start(Person());
        fake.Server.Faults.MalformedJson();

        using var response = await fake.GetAsync(Sleep);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().StartWith("{\"data\":");
        var parse = () => JsonDocument.Parse(body);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task Next_token_cycle_keeps_returning_the_same_token()
    {
        await using var fake = FakeOuraHarness.Start(Person(), options => options.DocumentPageSize = 1);
        fake.Server.Faults.NextTokenCycle();

        var first = (await fake.GetJsonAsync(Sleep)).GetProperty("next_token").GetString()!;
        var second = (await fake.GetJsonAsync($"{Sleep}&next_token={Uri.EscapeDataString(first)}")).GetProperty("next_token").GetString();
        var third = (await fake.GetJsonAsync($"{Sleep}&next_token={Uri.EscapeDataString(first)}")).GetProperty("next_token").GetString();

        second.Should().Be(first);
        third.Should().Be(first);
    }

    [Fact]
    public async Task Faults_can_be_armed_and_cleared_over_the_control_api()
    {
        await using var fake = FakeOuraHarness.Start(Person());

        using var armed = await fake.Client.PostAsync("_fake/faults", new StringContent(
            """{"kind":"rate_limit","path_prefix":"/v2/usercollection/daily_sleep","count":2,"retry_after_seconds":5,"tier":"per-application"}""",
            System.Text.Encoding.UTF8, "application/json"));
        armed.StatusCode.Should().Be(HttpStatusCode.Created);
        var limited = await fake.GetAsync(Sleep);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.GetValues("X-RateLimit-Tier").Single().Should().Be("per-application");

        (await fake.Client.GetFromJsonAsync<JsonElement>("_fake/faults"))[0].GetProperty("count").GetInt32().Should().Be(1);
        (await fake.Client.DeleteAsync("_fake/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fake.GetAsync(Sleep)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var bad = await fake.Client.PostAsync("_fake/faults", new StringContent("""{"kind":"server_error","status":404}""", System.Text.Encoding.UTF8, "application/json"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        fake.Server.Requests.Count().Should().Be(2, "control calls are not logged");
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 60 s");
            await Task.Delay(10);
        }
    }
}
