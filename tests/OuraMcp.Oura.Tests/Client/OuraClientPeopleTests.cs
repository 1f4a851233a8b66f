using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Client;

/// <summary>One client shared by many people (<see cref="OuraClient.For"/>): whose token, whose in-flight request.</summary>
public class OuraClientPeopleTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly OuraListRequest OneDay = OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly OuraUser Alice = new("alice", new StaticTokenProvider("tok-alice"));
    private static readonly OuraUser Bob = new("bob", new StaticTokenProvider("tok-bob"));

    /// <summary>The client behind the real authentication handler, over a network that answers each token with its own document.</summary>
    private sealed class SharedClient
    {
        public SharedClient()
        {
            Network.Fallback = request => ScriptedHttpHandler.Json(HttpStatusCode.OK,
                ClientHarness.Page(null, ClientHarness.DayDocument(OuraCatalog.DailySleep, "doc-of-" + request.Headers.Authorization!.Parameter, "2026-03-05")));
            var http = new HttpClient(new OuraAuthenticationHandler(new StaticTokenProvider(null)) { InnerHandler = new HeldNetwork(Network, Release.Task) });
            Client = new OuraClient(http, Options.Create(new OuraClientOptions { BaseAddress = new Uri("https://oura.test") }));
        }

        public ScriptedHttpHandler Network { get; } = new();

        /// <summary>Every request waits for this, so concurrent calls are truly in flight together.</summary>
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OuraClient Client { get; }

        /// <summary>Waits until <paramref name="count"/> requests reached the network, or a while (fewer may come).</summary>
        public async Task ArrivedAsync(int count)
        {
            for (var waited = TimeSpan.Zero; Network.Requests.Count < count && waited < TimeSpan.FromSeconds(2); waited += TimeSpan.FromMilliseconds(20))
            {
                await Task.Delay(20);
            }
        }
    }

    private sealed class HeldNetwork(HttpMessageHandler inner, Task release) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = base.SendAsync(request, cancellationToken);
            await release.WaitAsync(cancellationToken);
            return await answer;
        }
    }

    [Fact]
    public async Task Two_people_asking_for_the_same_url_at_once_each_get_their_own_answer()
    {
        var shared = new SharedClient();

        var alice = shared.Client.For(Alice).ListAsync(OuraCatalog.DailySleep, OneDay, default);
        var bob = shared.Client.For(Bob).ListAsync(OuraCatalog.DailySleep, OneDay, default);
        await shared.ArrivedAsync(2);
        shared.Release.SetResult();

        (await alice.WaitAsync(Patience)).Data.Should().ContainSingle().Which.Id.Should().Be("doc-of-tok-alice");
        (await bob.WaitAsync(Patience)).Data.Should().ContainSingle().Which.Id.Should().Be("doc-of-tok-bob", "an in-flight request is shared only within one person");
        shared.Network.Requests.Select(r => r.Headers["Authorization"]).Should().BeEquivalentTo(["Bearer tok-alice", "Bearer tok-bob"]);
    }

    [Fact]
    public async Task One_person_asking_twice_at_once_is_still_one_request()
    {
        var shared = new SharedClient();

        var first = shared.Client.For(Alice).ListAsync(OuraCatalog.DailySleep, OneDay, default);
        var second = shared.Client.For(Alice).ListAsync(OuraCatalog.DailySleep, OneDay, default);
        await shared.ArrivedAsync(2);
        shared.Release.SetResult();

        var results = await Task.WhenAll(first, second).WaitAsync(Patience);
        shared.Network.Requests.Should().ContainSingle();
        results[0].Data.Single().Should().BeSameAs(results[1].Data.Single());
    }

    [Fact]
    public void The_flight_key_holds_the_person_and_the_url()
    {
        var uri = new Uri("https://oura.test/v2/usercollection/daily_sleep?start_date=2026-03-05");

        OuraClient.FlightKey(Alice, uri).Should().NotBe(OuraClient.FlightKey(Bob, uri));
        OuraClient.FlightKey(Alice, uri).Should().Be(OuraClient.FlightKey(new OuraUser("alice", new StaticTokenProvider("rotated")), uri),
            "the person, not their current token, keys the flight");
    }

    [Fact]
    public async Task Each_person_has_their_own_request_budget_kept_under_their_id_and_the_application_budget_is_shared()
    {
        using var pipeline = new OuraMcp.Oura.Tests.Http.PipelineHarness(new FakeTimeProvider(), o =>
        {
            o.PerTokenRequestLimit = 2;
            o.PerApplicationRequestLimit = 5;
        });
        pipeline.Network.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"id":"p","age":40}""");
        var client = new OuraClient(pipeline.Client, Options.Create(pipeline.Options), pipeline.Clock);
        var aliceAfterRefresh = new OuraUser("alice", new StaticTokenProvider("tok-alice-refreshed"));

        await client.For(Alice).GetPersonalInfoAsync(default);
        await client.For(aliceAfterRefresh).GetPersonalInfoAsync(default);
        var aliceAgain = () => client.For(Alice).GetPersonalInfoAsync(default);

        (await aliceAgain.Should().ThrowAsync<OuraMcp.Oura.Errors.OuraRateLimitedException>("a new token is still the same person's budget"))
            .Which.Tier.Should().Be(OuraRateBudget.ClientTier);
        await client.For(Bob).GetPersonalInfoAsync(default);
        var snapshot = pipeline.Budget.GetSnapshot();
        snapshot.Tokens.Select(t => t.Key).Should().BeEquivalentTo([OuraRateBudget.KeyForUser("alice"), OuraRateBudget.KeyForUser("bob")]);
        snapshot.Application.Available.Should().Be(2, "three requests of two people were taken from the one application budget");
    }
}
