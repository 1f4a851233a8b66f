using System.Net;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class RateLimitTests
{
    private static ObservedClock AutoClock() => new() { AutoAdvance = true };

    [Fact]
    public async Task A_429_with_a_short_Retry_After_waits_exactly_that_long_then_succeeds()
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(3)).ThenJson("{}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.GapsBetweenSends().Should().Equal(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_429_with_a_long_Retry_After_fails_fast_saying_when_to_retry_and_which_limit()
    {
        using var harness = new PipelineHarness(AutoClock(), o => o.MaxRateLimitWait = TimeSpan.FromSeconds(10));
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(37, "per-token"));

        var act = () => harness.GetAsync();

        var error = (await act.Should().ThrowAsync<OuraRateLimitedException>()).Which;
        error.Message.Should().Be("Rate limited by Oura (per-token limit), retry after 37 s.");
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(37));
        error.Tier.Should().Be("per-token");
        harness.Network.Requests.Should().ContainSingle("a wait longer than the limit is not sat out");
    }

    [Fact]
    public async Task A_Retry_After_given_as_an_HTTP_date_is_honoured()
    {
        var clock = AutoClock();
        using var harness = new PipelineHarness(clock);
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: r =>
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(5))).ThenJson("{}");

        (await harness.GetAsync()).Dispose();

        harness.GapsBetweenSends().Should().Equal(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task X_RateLimit_Reset_is_honoured_when_Retry_After_is_absent()
    {
        var clock = AutoClock();
        using var harness = new PipelineHarness(clock);
        var reset = clock.GetUtcNow().AddSeconds(4).ToUnixTimeSeconds();
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: r =>
        {
            r.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.Headers.TryAddWithoutValidation("X-RateLimit-Tier", "per-application");
        }).ThenJson("{}");

        (await harness.GetAsync()).Dispose();

        harness.GapsBetweenSends().Should().Equal(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_429_is_retried_a_bounded_number_of_times()
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.Fallback = _ =>
        {
            var response = ScriptedHttpHandler.Json(HttpStatusCode.TooManyRequests, null);
            PipelineHarness.RetryAfter(1)(response);
            return response;
        };

        var act = () => harness.GetAsync();

        (await act.Should().ThrowAsync<OuraRateLimitedException>()).Which.Message.Should().Contain("retry after 1 s");
        harness.Network.Requests.Should().HaveCount(1 + OuraResilienceHandler.RateLimitRetries);
    }

    [Fact]
    public async Task Concurrent_requests_after_a_429_wait_for_Ouras_reset_instead_of_each_hitting_Oura()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock);
        var start = clock.GetUtcNow();
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(4));
        harness.Network.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, "{}");

        var first = harness.GetAsync();
        await clock.PendingAsync(1); // the first request sleeps out its Retry-After
        var others = Enumerable.Range(0, 3).Select(_ => harness.GetAsync()).ToArray();
        await clock.PendingAsync(4);
        harness.Network.Requests.Should().ContainSingle("the others hold back while Oura's limit is closed");

        clock.Advance(TimeSpan.FromSeconds(4));
        foreach (var response in await Task.WhenAll(others.Append(first))) response.StatusCode.Should().Be(HttpStatusCode.OK);

        harness.SentAt.Skip(1).Should().HaveCount(4).And.AllSatisfy(t => t.Should().Be(start.AddSeconds(4)));
    }

    [Fact]
    public async Task After_a_long_429_other_requests_fail_fast_with_Ouras_message_without_calling_Oura()
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(120, "per-application"));
        await FluentActions.Awaiting(() => harness.GetAsync()).Should().ThrowAsync<OuraRateLimitedException>();

        var act = () => harness.GetAsync();

        var error = (await act.Should().ThrowAsync<OuraRateLimitedException>()).Which;
        error.Message.Should().Be("Rate limited by Oura (per-application limit), retry after 120 s.");
        error.Tier.Should().Be("per-application");
        harness.Network.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_request_past_the_budget_waits_for_a_token_when_the_wait_is_short()
    {
        using var harness = new PipelineHarness(AutoClock(), o =>
        {
            o.PerTokenRequestLimit = 3;
            o.RateLimitWindow = TimeSpan.FromSeconds(30);
            o.MaxRateLimitWait = TimeSpan.FromSeconds(10);
        });
        harness.Network.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, "{}");

        for (var i = 0; i < 4; i++) (await harness.GetAsync()).Dispose();

        // Three fit the window; the fourth waits for one token to refill (30 s / 3).
        harness.GapsBetweenSends().Should().Equal(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_request_past_the_budget_fails_fast_when_the_wait_is_long()
    {
        using var harness = new PipelineHarness(AutoClock(), o =>
        {
            o.PerTokenRequestLimit = 3;
            o.RateLimitWindow = TimeSpan.FromSeconds(30);
            o.MaxRateLimitWait = TimeSpan.FromSeconds(5);
        });
        harness.Network.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, "{}");
        for (var i = 0; i < 3; i++) (await harness.GetAsync()).Dispose();

        var act = () => harness.GetAsync();

        var error = (await act.Should().ThrowAsync<OuraRateLimitedException>()).Which;
        error.Message.Should().StartWith("Rate limited by the client-side budget, retry after 10 s");
        error.Tier.Should().Be("client");
        harness.Network.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Cancelling_during_a_rate_limit_wait_propagates_as_cancellation()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock);
        harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(5));
        using var cancellation = new CancellationTokenSource();

        var request = harness.GetAsync(cancellationToken: cancellation.Token);
        await clock.PendingAsync();
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => request).Should().ThrowAsync<OperationCanceledException>();
    }
}
