using Microsoft.Extensions.Time.Testing;
using System.Net;
using OuraMcp.Oura.Errors;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class TransientFailureTests
{
    private static ObservedClock AutoClock() => new() { AutoAdvance = true };

    [Fact]
    public async Task A_5xx_is_retried_with_growing_jittered_backoff_until_it_succeeds()
    {
        using var harness = new PipelineHarness(AutoClock(), o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(200));
        harness.Network.ThenStatus(HttpStatusCode.ServiceUnavailable).ThenStatus(HttpStatusCode.BadGateway).ThenJson("{}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var gaps = harness.GapsBetweenSends();
        gaps.Should().HaveCount(2);
        gaps[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(160)).And.BeLessThan(TimeSpan.FromMilliseconds(240));
        gaps[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(320)).And.BeLessThan(TimeSpan.FromMilliseconds(480));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void Backoff_doubles_per_attempt_and_jitter_stays_within_a_fifth(double jitter)
    {
        using var harness = new PipelineHarness(new FakeTimeProvider(), o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        harness.Resilience.Jitter = () => jitter;

        var delays = Enumerable.Range(0, 4).Select(harness.Resilience.Backoff).ToArray();

        for (var attempt = 0; attempt < delays.Length; attempt++)
        {
            var nominal = 100 * Math.Pow(2, attempt);
            delays[attempt].TotalMilliseconds.Should().BeInRange(nominal * 0.8, nominal * 1.2);
        }

        delays.Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Retries_give_up_after_MaxRetries_with_an_unavailable_error()
    {
        using var harness = new PipelineHarness(AutoClock(), o => o.MaxRetries = 2);
        harness.Network.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.InternalServerError, null);

        var act = () => harness.GetAsync();

        var error = (await act.Should().ThrowAsync<OuraUnavailableException>()).Which;
        error.Message.Should().Be("Oura is having trouble: it answered 500 (Internal Server Error), 3 attempts; retry in a minute.");
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        harness.Network.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_POST_is_not_retried()
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.ThenStatus(HttpStatusCode.ServiceUnavailable);

        var act = () => harness.SendAsync(HttpMethod.Post);

        (await act.Should().ThrowAsync<OuraUnavailableException>()).Which.Message.Should().Contain("was not retried");
        harness.Network.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_network_error_is_retried()
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.Then(_ => throw new HttpRequestException("connection reset")).ThenJson("{}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.Network.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Client_errors_pass_through_unchanged_and_unretried(HttpStatusCode status)
    {
        using var harness = new PipelineHarness(AutoClock());
        harness.Network.ThenStatus(status, "{\"detail\":[]}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(status);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"detail\":[]}");
        harness.Network.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        });
        harness.Resilience.Jitter = () => 0.5; // a factor of exactly 1
        harness.Network.Then(PipelineHarness.Hang).ThenJson("{}");

        var request = harness.GetAsync();
        (await clock.AdvanceToNextTimerAsync()).Should().Be(TimeSpan.FromSeconds(5), "the first attempt hangs until its timeout");
        (await clock.AdvanceToNextTimerAsync()).Should().Be(TimeSpan.FromMilliseconds(200), "then the backoff");

        using var response = await request;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.GapsBetweenSends().Should().Equal(TimeSpan.FromMilliseconds(5200));
    }

    [Fact]
    public async Task Attempts_that_keep_timing_out_end_in_an_unavailable_error()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetries = 1;
        });
        harness.Network.Then(PipelineHarness.Hang).Then(PipelineHarness.Hang);

        var request = harness.GetAsync();
        for (var i = 0; i < 3; i++) await clock.AdvanceToNextTimerAsync(); // timeout, backoff, timeout

        (await FluentActions.Awaiting(() => request).Should().ThrowAsync<OuraUnavailableException>())
            .Which.Message.Should().Be("Oura did not answer within 5 s (2 attempts); retry in a minute.");
    }

    [Fact]
    public async Task The_overall_deadline_ends_the_request_whatever_is_left_to_try()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock, o =>
        {
            o.OverallTimeout = TimeSpan.FromSeconds(20);
            o.AttemptTimeout = TimeSpan.FromSeconds(15);
            o.MaxRetries = 5;
        });
        harness.Resilience.Jitter = () => 0.5;
        harness.Network.Fallback = null;
        for (var i = 0; i < 6; i++) harness.Network.Then(PipelineHarness.Hang);
        var start = clock.GetUtcNow();

        var request = harness.GetAsync();
        await clock.PendingAsync(2); // deadline and first attempt's timeout
        clock.Advance(TimeSpan.FromSeconds(15)); // attempt 1 times out
        await clock.PendingAsync(2); // deadline and backoff
        await clock.AdvanceToNextTimerAsync(); // backoff passes
        await clock.PendingAsync(2); // deadline and attempt 2's timeout: attempt 2 is under way
        clock.Advance(start.AddSeconds(20) - clock.GetUtcNow()); // the deadline fires during attempt 2

        (await FluentActions.Awaiting(() => request).Should().ThrowAsync<OuraUnavailableException>())
            .Which.Message.Should().Contain("within the 20 s deadline");
        clock.GetUtcNow().Should().Be(start.AddSeconds(20));
        harness.Network.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_as_cancellation_not_as_a_timeout()
    {
        var clock = new ObservedClock();
        using var harness = new PipelineHarness(clock, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(15);
            o.OverallTimeout = TimeSpan.FromSeconds(60);
        });
        harness.Network.Then(PipelineHarness.Hang);
        using var cancellation = new CancellationTokenSource();

        var request = harness.GetAsync(cancellationToken: cancellation.Token);
        await clock.PendingAsync(2);
        await cancellation.CancelAsync();

        var thrown = await FluentActions.Awaiting(() => request).Should().ThrowAsync<OperationCanceledException>();
        thrown.Which.Should().NotBeAssignableTo<OuraApiException>();
        harness.Network.Requests.Should().ContainSingle("a cancelled request is not retried");
    }

    [Fact]
    public async Task The_circuit_opens_after_failures_fails_fast_without_calling_Oura_and_half_opens_after_the_break()
    {
        var clock = new FakeTimeProvider();
        using var harness = new PipelineHarness(clock, o =>
        {
            o.MaxRetries = 0;
            o.BreakerFailureRatio = 0.5;
            o.BreakerMinimumThroughput = 2;
            o.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
            o.BreakerBreakDuration = TimeSpan.FromSeconds(15);
        });
        harness.Network.ThenStatus(HttpStatusCode.InternalServerError).ThenStatus(HttpStatusCode.BadGateway).ThenJson("{}").ThenJson("{}");
        for (var i = 0; i < 2; i++) await FluentActions.Awaiting(() => harness.GetAsync()).Should().ThrowAsync<OuraUnavailableException>();

        var whileOpen = () => harness.GetAsync();

        var error = (await whileOpen.Should().ThrowAsync<OuraUnavailableException>()).Which;
        error.Message.Should().Be("Oura is not answering (2 failures recently); retry in about 15 s.");
        harness.Network.Requests.Should().HaveCount(2, "an open circuit does not call Oura");

        clock.Advance(TimeSpan.FromSeconds(15));
        (await harness.GetAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "after the break a probe goes through");
        (await harness.GetAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "and its success closes the circuit");
        harness.Network.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task Rate_limits_and_client_errors_do_not_open_the_circuit()
    {
        using var harness = new PipelineHarness(AutoClock(), o => o.BreakerMinimumThroughput = 2);
        for (var i = 0; i <= OuraMcp.Oura.Http.OuraResilienceHandler.RateLimitRetries; i++)
        {
            harness.Network.ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(1));
        }

        harness.Network.ThenStatus(HttpStatusCode.NotFound).ThenStatus(HttpStatusCode.NotFound).ThenJson("{}");

        await FluentActions.Awaiting(() => harness.GetAsync()).Should().ThrowAsync<OuraRateLimitedException>();
        (await harness.GetAsync()).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await harness.GetAsync()).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await harness.GetAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "five 4xx answers in a row are not an outage");
    }
}
