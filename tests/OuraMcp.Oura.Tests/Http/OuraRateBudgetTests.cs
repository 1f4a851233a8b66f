using Microsoft.Extensions.Time.Testing;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class OuraRateBudgetTests
{
    private static OuraRateBudget Budget(int perToken, int perApplication, FakeTimeProvider? clock = null) =>
        new(new OuraClientOptions
        {
            PerTokenRequestLimit = perToken,
            PerApplicationRequestLimit = perApplication,
            RateLimitWindow = TimeSpan.FromMinutes(1),
            MaxRateLimitWait = TimeSpan.FromSeconds(1),
        }, clock ?? new FakeTimeProvider());

    [Fact]
    public void Each_token_has_its_own_bucket()
    {
        var budget = Budget(perToken: 2, perApplication: 100);
        var alice = OuraRateBudget.KeyFor("alice-token");
        var bob = OuraRateBudget.KeyFor("bob-token");
        budget.Reserve(alice);
        budget.Reserve(alice);

        budget.Reserve(bob).Wait.Should().Be(TimeSpan.Zero, "Bob's bucket is untouched by Alice's requests");
        FluentActions.Invoking(() => budget.Reserve(alice)).Should().Throw<OuraRateLimitedException>()
            .Which.Tier.Should().Be(OuraRateBudget.ClientTier);
    }

    [Fact]
    public void The_application_bucket_is_shared_by_every_token()
    {
        var budget = Budget(perToken: 100, perApplication: 3);
        budget.Reserve(OuraRateBudget.KeyFor("a"));
        budget.Reserve(OuraRateBudget.KeyFor("b"));
        budget.Reserve(OuraRateBudget.KeyFor("c"));

        FluentActions.Invoking(() => budget.Reserve(OuraRateBudget.KeyFor("d"))).Should().Throw<OuraRateLimitedException>()
            .Which.Message.Should().Contain("client-side budget");
    }

    [Fact]
    public void Tokens_refill_over_the_window()
    {
        var clock = new FakeTimeProvider();
        var budget = Budget(perToken: 2, perApplication: 100, clock);
        var key = OuraRateBudget.KeyFor("t");
        budget.Reserve(key);
        budget.Reserve(key);

        clock.Advance(TimeSpan.FromSeconds(30));

        budget.Reserve(key).Wait.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_cancelled_reservation_gives_its_request_back()
    {
        var budget = Budget(perToken: 1, perApplication: 100);
        var key = OuraRateBudget.KeyFor("t");
        var reservation = budget.Reserve(key);

        budget.Release(reservation);

        budget.Reserve(key).Wait.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void The_snapshot_shows_remaining_requests_under_hashed_keys_only()
    {
        var budget = Budget(perToken: 5, perApplication: 10);
        budget.Reserve(OuraRateBudget.KeyFor("very-secret-token"));

        var snapshot = budget.GetSnapshot();

        snapshot.Application.Available.Should().Be(9);
        snapshot.Tokens.Should().ContainSingle().Which.Should().Match<OuraBucketState>(s => s.Available == 4 && s.Capacity == 5);
        snapshot.ToString().Should().NotContain("very-secret-token");
        OuraRateBudget.KeyFor("very-secret-token").Should().StartWith("tok_").And.NotContain("secret");
    }

    [Fact]
    public void A_429_on_the_application_layer_holds_back_every_token()
    {
        var budget = Budget(perToken: 100, perApplication: 100);
        budget.BlockAfterRejection(OuraRateBudget.KeyFor("a"), OuraRateLimitLayer.Application, TimeSpan.FromSeconds(30), "per-application");

        FluentActions.Invoking(() => budget.Reserve(OuraRateBudget.KeyFor("b"))).Should().Throw<OuraRateLimitedException>()
            .Which.Tier.Should().Be("per-application");
        budget.GetSnapshot().Application.BlockedUntil.Should().NotBeNull();
    }

    [Fact]
    public async Task A_refusal_of_the_shared_application_budget_gives_the_persons_request_back()
    {
        var shared = new ScriptedSharedBudget(new SharedBudgetAnswer(Taken: false, TimeSpan.FromSeconds(40), 0, null));
        var budget = SharedBudget(perToken: 3, perApplication: 100, shared);
        var key = OuraRateBudget.KeyForUser("alice");

        var refused = await FluentActions.Awaiting(() => budget.ReserveAsync(key, default).AsTask()).Should().ThrowAsync<OuraRateLimitedException>();

        refused.Which.Tier.Should().Be(OuraRateBudget.ClientTier);
        shared.Takes.Should().Be(1);
        budget.GetSnapshot().Tokens.Should().ContainSingle().Which.Available.Should().Be(3, "the person sent nothing");
    }

    [Fact]
    public async Task The_shared_application_budget_is_asked_only_after_the_persons_own_says_yes()
    {
        var shared = new ScriptedSharedBudget(new SharedBudgetAnswer(Taken: true, TimeSpan.Zero, 99, null));
        var budget = SharedBudget(perToken: 1, perApplication: 100, shared);
        var key = OuraRateBudget.KeyForUser("alice");
        (await budget.ReserveAsync(key, default)).Shared.Should().BeTrue();

        await FluentActions.Awaiting(() => budget.ReserveAsync(key, default).AsTask()).Should().ThrowAsync<OuraRateLimitedException>();

        shared.Takes.Should().Be(1, "a person over their own budget costs the shared one no round trip");
        budget.GetSnapshot().Application.Available.Should().Be(99);
    }

    [Fact]
    public async Task Without_an_answer_from_the_shared_budget_the_process_counts_the_application_on_its_own()
    {
        var budget = SharedBudget(perToken: 100, perApplication: 2, new ScriptedSharedBudget(null));
        await budget.ReserveAsync(OuraRateBudget.KeyForUser("a"), default);
        await budget.ReserveAsync(OuraRateBudget.KeyForUser("b"), default);

        await FluentActions.Awaiting(() => budget.ReserveAsync(OuraRateBudget.KeyForUser("c"), default).AsTask()).Should().ThrowAsync<OuraRateLimitedException>();
    }

    private static OuraRateBudget SharedBudget(int perToken, int perApplication, ISharedApplicationBudget shared) =>
        new(new OuraClientOptions
        {
            PerTokenRequestLimit = perToken,
            PerApplicationRequestLimit = perApplication,
            RateLimitWindow = TimeSpan.FromMinutes(1),
            MaxRateLimitWait = TimeSpan.FromSeconds(1),
        }, new FakeTimeProvider(), shared);

    /// <summary>A shared budget that always gives the same answer (null: cannot be asked), counting the asks.</summary>
    private sealed class ScriptedSharedBudget(SharedBudgetAnswer? answer) : ISharedApplicationBudget
    {
        public int Takes { get; private set; }

        public ValueTask<SharedBudgetAnswer?> TryTakeAsync(TimeSpan maxWait, CancellationToken cancellationToken)
        {
            Takes++;
            return ValueTask.FromResult(answer);
        }

        public ValueTask ReturnAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask BlockAsync(TimeSpan wait, string? tier, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
