using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http.Account;

/// <summary>The request budget the account page shows: the person's own bucket, never another person's or the application's.</summary>
public sealed class OuraAccountsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_budget_line_reads_the_persons_own_bucket_and_a_person_without_one_has_it_all()
    {
        var limits = new OuraClientOptions();
        var snapshot = new OuraRateBudgetSnapshot(Now, new OuraBucketState("application", 5000, 3, null, null),
        [
            new OuraBucketState(OuraRateBudget.KeyForUser("oura-alice"), 5000, 4321, null, null),
            new OuraBucketState(OuraRateBudget.KeyForUser("oura-bob"), 5000, 0, Now.AddSeconds(30), "user"),
        ]);

        OuraAccounts.BudgetLine(snapshot, "oura-alice", limits).Should().Be("4321 of 5000 per 5 minutes");
        OuraAccounts.BudgetLine(snapshot, "oura-bob", limits).Should().Be("0 of 5000 per 5 minutes; Oura asked for a pause until 2026-12-07 08:00:30 UTC");
        OuraAccounts.BudgetLine(snapshot, "oura-carol", limits).Should().Be("5000 of 5000 per 5 minutes");
    }
}
