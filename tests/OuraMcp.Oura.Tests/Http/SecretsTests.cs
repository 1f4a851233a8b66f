using System.Net;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class SecretsTests
{
    [Fact]
    public async Task No_token_appears_in_any_exception_message_or_log()
    {
        const string refreshed = "tok-secret-BBBB-2222";
        var tokens = new FakeTokenProvider(PipelineHarness.Token, refreshed);
        using var harness = new PipelineHarness(new ObservedClock { AutoAdvance = true }, o =>
        {
            o.MaxRetries = 1;
            o.BreakerMinimumThroughput = 100;
            o.PerTokenRequestLimit = 8;
            o.MaxRateLimitWait = TimeSpan.FromSeconds(5);
        }, tokens);
        harness.Network
            .ThenStatus(HttpStatusCode.Unauthorized).ThenStatus(HttpStatusCode.Unauthorized)                       // 401, refresh, 401
            .ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(2))                    // 429 retried
            .ThenStatus(HttpStatusCode.ServiceUnavailable).ThenStatus(HttpStatusCode.ServiceUnavailable)            // 5xx exhausted
            .Then(_ => throw new HttpRequestException("reset")).Then(_ => throw new HttpRequestException("reset")) // network error exhausted
            .ThenStatus(HttpStatusCode.TooManyRequests, configure: PipelineHarness.RetryAfter(600));                // long 429

        var messages = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            try { (await harness.GetAsync()).Dispose(); }
            catch (Exception error) { messages.Add(error.ToString()); }
        }

        messages.Should().HaveCount(5, "only the first request (401 after a refresh) returns a response");
        var everything = string.Join("\n", messages) + "\n" + harness.Logs.AllText + "\n" + harness.Budget.GetSnapshot();
        everything.Should().NotContain(PipelineHarness.Token).And.NotContain(refreshed).And.NotContain("AAAA").And.NotContain("BBBB");
        harness.Logs.Entries.Should().NotBeEmpty("the scenario logs refreshes, retries and the open circuit");
    }

    [Fact]
    public void The_bucket_key_is_a_stable_hash_that_does_not_contain_the_token()
    {
        var key = OuraRateBudget.KeyFor(PipelineHarness.Token);

        key.Should().Be(OuraRateBudget.KeyFor(PipelineHarness.Token)).And.NotContain("AAAA").And.HaveLength(20);
        OuraRateBudget.KeyFor("another").Should().NotBe(key);
    }
}
