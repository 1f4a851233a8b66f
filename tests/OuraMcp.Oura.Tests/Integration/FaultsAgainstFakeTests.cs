using OuraMcp.FakeOura;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Integration;

/// <summary>Oura misbehaving, as the fake misbehaves on request, met by the real client and its real pipeline.</summary>
public class FaultsAgainstFakeTests
{
    private const string Readiness = "/v2/usercollection/daily_readiness";
    private static readonly OuraListRequest ThreeDays = OuraListRequest.ForDays(
        FakeOuraHarness.LastDay.AddDays(-3), FakeOuraHarness.LastDay.AddDays(-1), FakeOuraHarness.Person.TimeZone);

    private static Task<OuraResult<DailyReadiness>> ListReadiness(FakeOuraHarness harness) =>
        harness.Client.ListAsync(OuraCatalog.DailyReadiness, ThreeDays, CancellationToken.None);

    [Fact]
    public async Task A_short_429_is_waited_out_for_exactly_its_retry_after_and_the_call_succeeds()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.RateLimit(retryAfterSeconds: 1, tier: "per-token", count: 1, pathPrefix: Readiness);

        var result = await ListReadiness(harness);

        result.Data.Should().HaveCount(3);
        var requests = harness.Fake.Requests.All;
        requests.Select(r => r.Status).Should().Equal(429, 200);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950), "Retry-After said 1 s");
    }

    [Fact]
    public async Task A_long_429_fails_fast_saying_which_limit_and_when_to_retry()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.RateLimit(retryAfterSeconds: 120, tier: "per-application", count: 1, pathPrefix: Readiness);

        var call = () => ListReadiness(harness);

        var error = (await call.Should().ThrowAsync<OuraRateLimitedException>()).Which;
        error.Message.Should().Contain("per-application").And.Contain("120 s");
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
        harness.Fake.Requests.Count().Should().Be(1, "a long wait is not sat out, and nothing is retried");
    }

    [Fact]
    public async Task After_a_429_concurrent_calls_wait_locally_instead_of_storming_Oura()
    {
        // The client's clock moves only when told to, so "the others wait" is seen as waits in progress, not as a time bound.
        var clock = new ObservedClock(DateTimeOffset.UtcNow);
        await using var harness = new FakeOuraHarness(o => o.MaxRateLimitWait = TimeSpan.FromSeconds(5), clock: clock);
        harness.Fake.Faults.RateLimit(retryAfterSeconds: 1, tier: "per-token", count: 1);
        var retryAfter = TimeSpan.FromSeconds(1);

        var first = ListReadiness(harness);
        await WaitUntil(() => clock.TimersDueWithin(retryAfter) == 1);
        var others = Enumerable.Range(0, 5).Select(i => harness.Client.ListAsync(OuraCatalog.DailySleep,
            OuraListRequest.ForDays(FakeOuraHarness.LastDay.AddDays(-i - 1), FakeOuraHarness.LastDay.AddDays(-i - 1), FakeOuraHarness.Person.TimeZone),
            CancellationToken.None)).ToList();
        await WaitUntil(() => clock.TimersDueWithin(retryAfter) == 6 || harness.Fake.Requests.Count() > 1);

        harness.Fake.Requests.Count().Should().Be(1, "while Oura's limit is closed, the five new calls wait in the client instead of asking");
        clock.Advance(retryAfter);
        await first;
        await Task.WhenAll(others);
        harness.Fake.Requests.All.Count(r => r.Status == 429).Should().Be(1);
        harness.Fake.Requests.Count().Should().Be(7, "one 429, its retry, and five calls that waited for the limit to reopen");
    }

    /// <summary>Waits for the condition, a minute at most; the assertion after it says what was not reached.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_then_the_call_succeeds()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.ServerError(status: 503, count: 2, pathPrefix: Readiness);

        var result = await ListReadiness(harness);

        result.Data.Should().HaveCount(3);
        harness.Fake.Requests.All.Select(r => r.Status).Should().Equal(503, 503, 200);
    }

    [Fact]
    public async Task A_POST_is_never_retried_after_a_server_error()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.ServerError(status: 500, count: 1, pathPrefix: "/v2/webhook/subscription");

        var create = () => harness.Webhooks.CreateAsync(new CreateWebhookSubscriptionRequest
        {
            CallbackUrl = "https://example.invalid/hook", VerificationToken = "v", EventType = WebhookOperation.Create, DataType = WebhookDataType.Sleep,
        }, CancellationToken.None);

        await create.Should().ThrowAsync<OuraUnavailableException>();
        harness.Fake.Requests.Count().Should().Be(1);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried_and_then_the_call_succeeds()
    {
        await using var harness = new FakeOuraHarness(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        harness.Fake.Faults.Timeout(count: 1, pathPrefix: Readiness);

        var result = await ListReadiness(harness);

        result.Data.Should().HaveCount(3);
        harness.Fake.Requests.Count(Readiness).Should().Be(2);
    }

    [Fact]
    public async Task An_open_circuit_fails_fast_without_calling_Oura()
    {
        await using var harness = new FakeOuraHarness(o =>
        {
            o.MaxRetries = 0;
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 0.5;
            o.BreakerBreakDuration = TimeSpan.FromMinutes(1);
        });
        harness.Fake.Faults.ServerError(status: 500, count: null);

        for (var i = 0; i < 3; i++)
            await FluentActions.Awaiting(() => ListReadiness(harness)).Should().ThrowAsync<OuraUnavailableException>();
        var sent = harness.Fake.Requests.Count();

        var error = (await FluentActions.Awaiting(() => ListReadiness(harness)).Should().ThrowAsync<OuraUnavailableException>()).Which;

        error.Message.Should().Contain("not answering").And.Contain("retry in");
        harness.Fake.Requests.Count().Should().Be(sent, "an open circuit does not call Oura");
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_call_retried_with_the_new_one()
    {
        var tokens = new RefreshingTokens("old-token", "new-token");
        await using var harness = new FakeOuraHarness(tokens: tokens, fake: o =>
        {
            o.Accounts.Add(new FakeAccount("old-token", FakeOuraHarness.Person));
            o.Accounts.Add(new FakeAccount("new-token", FakeOuraHarness.Person));
        });
        harness.Fake.Expire("old-token");

        var result = await ListReadiness(harness);

        result.Data.Should().HaveCount(3);
        tokens.Refreshes.Should().Be(1);
        harness.Fake.Requests.All.Select(r => (r.TokenFingerprint, r.Status)).Should().Equal(
            (FakeRequestLog.Fingerprint("old-token"), 401), (FakeRequestLog.Fingerprint("new-token"), 200));
    }

    [Fact]
    public async Task A_revoked_token_that_cannot_refresh_says_to_sign_in_again()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Revoke(FakeOuraHarness.Token);

        var error = (await FluentActions.Awaiting(() => ListReadiness(harness)).Should().ThrowAsync<OuraUnauthorizedException>()).Which;

        error.Message.Should().Contain("Sign in").And.NotContain(FakeOuraHarness.Token);
    }

    [Fact]
    public async Task A_missing_scope_names_the_scope_to_grant()
    {
        await using var harness = new FakeOuraHarness(fake: o =>
        {
            o.Accounts.Clear();
            o.Accounts.Add(new FakeAccount(FakeOuraHarness.Token, FakeOuraHarness.Person, ["daily", "personal"]));
        });

        var error = (await FluentActions.Awaiting(() => harness.Client.ListAsync(OuraCatalog.HeartRate, ThreeDays, CancellationToken.None))
            .Should().ThrowAsync<OuraForbiddenException>()).Which;

        error.MissingScope.Should().Be("heartrate");
        error.Message.Should().Contain("'heartrate'");
    }

    [Fact]
    public async Task A_malformed_answer_is_an_unavailable_error_not_a_crash()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.MalformedJson(count: null, pathPrefix: Readiness);

        var error = (await FluentActions.Awaiting(() => ListReadiness(harness)).Should().ThrowAsync<OuraUnavailableException>()).Which;

        error.Message.Should().Contain("could not be read");
    }

    [Fact]
    public async Task A_next_token_that_repeats_stops_the_listing_and_says_it_is_incomplete()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.NextTokenCycle(pathPrefix: "/v2/usercollection/daily_sleep");

        var result = await harness.Client.ListAsync(OuraCatalog.DailySleep,
            OuraListRequest.ForDays(FakeOuraHarness.LastDay.AddDays(-20), FakeOuraHarness.LastDay, FakeOuraHarness.Person.TimeZone), CancellationToken.None);

        result.IsComplete.Should().BeFalse();
        result.IncompleteReason.Should().Contain("repeated a page token");
    }

    [Fact]
    public async Task Identical_calls_in_flight_together_reach_Oura_once()
    {
        await using var harness = new FakeOuraHarness();
        harness.Fake.Faults.Delay(TimeSpan.FromMilliseconds(300), count: 1, pathPrefix: Readiness);

        var calls = Enumerable.Range(0, 5).Select(_ => ListReadiness(harness)).ToList();
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Data.Count == 3);
        harness.Fake.Requests.Count(Readiness).Should().Be(1);
    }

    [Fact]
    public async Task Webhook_subscriptions_go_through_their_whole_life_with_app_credentials()
    {
        await using var harness = new FakeOuraHarness();
        var hooks = harness.Webhooks;

        var created = await hooks.CreateAsync(new CreateWebhookSubscriptionRequest
        {
            CallbackUrl = "https://example.invalid/hook", VerificationToken = "v", EventType = WebhookOperation.Update, DataType = WebhookDataType.Vo2Max,
        }, CancellationToken.None);
        (await hooks.ListAsync(CancellationToken.None)).Select(s => s.Id).Should().Contain(created.Id);
        (await hooks.GetAsync(created.Id, CancellationToken.None)).DataType.Value.Should().Be("vo2_max");
        var updated = await hooks.UpdateAsync(created.Id, new UpdateWebhookSubscriptionRequest { VerificationToken = "v", CallbackUrl = "https://example.invalid/other" }, CancellationToken.None);
        updated.CallbackUrl.Should().Be("https://example.invalid/other");
        var renewed = await hooks.RenewAsync(created.Id, CancellationToken.None);
        renewed.ExpirationTime.Should().BeOnOrAfter(created.ExpirationTime);
        await hooks.DeleteAsync(created.Id, CancellationToken.None);

        await FluentActions.Awaiting(() => hooks.GetAsync(created.Id, CancellationToken.None)).Should().ThrowAsync<OuraNotFoundException>();
        harness.Fake.Requests.All.Should().OnlyContain(r => r.AuthorizationScheme == null, "webhook calls carry app credentials, never a user's bearer token");
    }

    /// <summary>A token provider whose one refresh hands out a new token, counting refreshes.</summary>
    private sealed class RefreshingTokens(string first, string next) : IOuraTokenProvider
    {
        private string _current = first;
        private int _refreshes;

        public int Refreshes => _refreshes;

        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_current);

        public ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _refreshes);
            _current = next;
            return ValueTask.FromResult<string?>(next);
        }
    }
}
