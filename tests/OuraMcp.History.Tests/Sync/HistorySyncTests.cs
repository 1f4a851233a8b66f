using OuraMcp.FakeOura.Data;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.History.Tests.Support;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Tests.Sync;

/// <summary>
/// The sync against the fake Oura through the real client: it keeps every document, resumes after an interruption
/// with exactly what an uninterrupted sync keeps, and never asks Oura again for a day it has settled.
/// </summary>
public sealed class HistorySyncTests : IDisposable
{
    private static readonly DateOnly LastDay = new(2026, 3, 20);
    private static readonly DateOnly FirstDay = LastDay.AddDays(-44);

    private readonly TempDirectory _directory = new();

    private static IFakePerson ShortPerson() => FakePeople.Create("short", FakePeople.DemoSeed, SyncHarness.Zone, FirstDay, LastDay);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_sync_keeps_every_document_the_fake_holds_in_every_collection_by_its_local_day()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));

        var report = await harness.Sync(store).RunAsync(harness.Request(), null, default);

        report.FirstDay.Should().Be(FirstDay.AddDays(-1), "the first ring was set up the evening before the data starts");
        report.Collections.Should().OnlyContain(c => c.Skipped == null);
        foreach (var collection in OuraCatalog.All.Where(c => c.Range == RangeKind.Dates))
        {
            var stored = await store.ReadAsync("alice", collection, null, null, default);
            var expected = harness.Person.Documents(collection);
            stored.Select(d => (d.Id, d.Day)).Should().BeEquivalentTo(expected.Select(d => (d.Id!, (DateOnly?)d.Day)), collection.Name);
        }
        (await store.ReadAsync("alice", OuraCatalog.HeartRate, null, null, default)).Should().HaveCount(harness.Person.Documents(OuraCatalog.HeartRate).Count);
        (await store.ReadAsync("alice", OuraCatalog.RingConfiguration, null, null, default)).Should().HaveCount(2);
        (await store.ReadAsync("alice", OuraCatalog.PersonalInfo, null, null, default)).Should().ContainSingle();
        (await store.GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(new DayInterval(FirstDay.AddDays(-1), LastDay.AddDays(-3)));
        report.Calls.Should().Be(harness.Fake.Requests.Count("/v2/usercollection/") - 1, "every page is one call (less the ring lookup that dates the account)");
    }

    [Fact]
    public async Task A_sync_interrupted_at_random_points_and_resumed_keeps_what_an_uninterrupted_one_keeps_and_fetches_no_settled_day_twice()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var reference = new SqliteHistoryStore(_directory.File("reference.db"));
        await harness.Sync(reference).RunAsync(harness.Request(), null, default);
        var requestsPerSync = harness.Fake.Requests.Count();
        harness.Fake.Requests.Clear();

        var resumed = new SqliteHistoryStore(_directory.File("resumed.db"));
        var random = new Random(20261206);
        var interruptions = 0;
        var lastSettled = LastDay.AddDays(-3);
        // Judged from the fake's log alone, not from what the store says it settled: a settled day may be asked for
        // again only if it lay in the window whose request was cut off by an interruption (nothing of it was kept).
        var fetched = new HashSet<(string, DateOnly)>();
        var cutOff = new HashSet<(string, DateOnly)>();
        var refetched = new List<string>();
        // Eight runs cut at a random request each, then one left to finish.
        for (var run = 0; run <= 8; run++)
        {
            var logged = harness.Fake.Requests.Count();
            var interrupted = await harness.RunInterruptedAsync(resumed, run < 8 ? random.Next(1, requestsPerSync / 2) : int.MaxValue);
            var asked = harness.Fake.Requests.All.Skip(logged).Select(harness.DaysOf).OfType<(OuraCollection Collection, DayInterval Days)>().ToList();
            var settledDays = asked.SelectMany(a => Enumerable.Range(0, a.Days.Days).Select(i => (a.Collection.Name, Day: a.Days.First.AddDays(i))))
                .Where(d => d.Day <= lastSettled).ToHashSet();
            refetched.AddRange(settledDays.Where(d => fetched.Contains(d) && !cutOff.Contains(d)).Select(d => $"{d.Name} {d.Day:yyyy-MM-dd}"));
            fetched.UnionWith(settledDays);
            if (interrupted && asked.Count > 0)
            {
                interruptions++;
                var (collection, days) = asked[^1];
                cutOff.UnionWith(Enumerable.Range(0, days.Days).Select(i => (collection.Name, days.First.AddDays(i))));
            }
            else if (interrupted) interruptions++;
        }

        interruptions.Should().Be(8, "the sync is cut at many points, not once");
        refetched.Should().BeEmpty("a settled day is fetched once, whatever interrupts the sync");
        foreach (var collection in OuraCatalog.All)
        {
            var expected = await reference.ReadAsync("alice", collection, null, null, default);
            var actual = await resumed.ReadAsync("alice", collection, null, null, default);
            actual.Select(d => (d.Id, d.Day, d.Json)).Should().Equal(expected.Select(d => (d.Id, d.Day, d.Json)), collection.Name);
        }
    }

    [Fact]
    public async Task The_next_day_a_sync_fetches_only_the_days_that_were_provisional_and_the_new_day()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        await harness.Sync(store).RunAsync(harness.Request(), null, default);
        var before = await store.CountAsync("alice", default);
        harness.Fake.Requests.Clear();

        harness.Clock.Advance(TimeSpan.FromDays(1));
        await harness.Sync(store).RunAsync(harness.Request(), null, default);

        var asked = harness.Fake.Requests.All.Select(harness.DaysOf).OfType<(OuraCollection Collection, DayInterval Days)>().ToList();
        asked.Should().NotBeEmpty().And.OnlyContain(a => a.Days.First == LastDay.AddDays(-2) && a.Days.Last == LastDay.AddDays(1));
        (await store.CountAsync("alice", default)).Should().Equal(before);
        (await store.GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(new DayInterval(FirstDay.AddDays(-1), LastDay.AddDays(-2)));
    }

    [Fact]
    public async Task Since_and_collections_narrow_what_is_fetched()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));

        var report = await harness.Sync(store).RunAsync(
            harness.Request() with { Since = LastDay.AddDays(-9), Collections = [OuraCatalog.DailySleep, OuraCatalog.Workout] }, null, default);

        report.Collections.Select(c => c.Collection).Should().Equal("daily_sleep", "workout");
        (await store.CountAsync("alice", default)).Keys.Should().BeSubsetOf(["daily_sleep", "workout"]);
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Should().HaveCount(10)
            .And.OnlyContain(d => d.Day >= LastDay.AddDays(-9));
        harness.Fake.Requests.All.Should().NotContain(r => r.Path.EndsWith("/ring_configuration", StringComparison.Ordinal), "a given first day needs no ring to date the account");
    }

    [Fact]
    public async Task Oura_answering_429_beyond_the_clients_own_wait_makes_the_sync_wait_and_carry_on()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        // 11 s is longer than the client waits by itself (10 s), so the 429 reaches the sync. The sync runs on the
        // real clock here, the one the client's budget keeps its Retry-After by, as both do in the server.
        harness.Fake.Faults.RateLimit(retryAfterSeconds: 11, count: 1, pathPrefix: "/v2/usercollection/daily_sleep");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await new HistorySync(harness.Client, store, TimeProvider.System)
            .RunAsync(harness.Request() with { Collections = [OuraCatalog.DailySleep], Since = FirstDay }, null, default);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10.5), "it waited out the Retry-After");
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Should().HaveCount(harness.Person.Documents(OuraCatalog.DailySleep).Count);
    }

    [Fact]
    public async Task A_collection_the_person_did_not_grant_is_skipped_with_Ouras_sentence_and_the_rest_is_kept()
    {
        await using var harness = new SyncHarness(ShortPerson(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        harness.Fake.Faults.Forbidden(count: null, pathPrefix: "/v2/usercollection/workout");

        var report = await harness.Sync(store).RunAsync(harness.Request() with { Collections = [OuraCatalog.Workout, OuraCatalog.DailySleep] }, null, default);

        report.Collections[0].Skipped.Should().NotBeNullOrWhiteSpace();
        report.Collections[1].Skipped.Should().BeNull();
        (await store.CountAsync("alice", default)).Keys.Should().Equal("daily_sleep");
        (await store.GetSettledAsync("alice", OuraCatalog.Workout, default)).Should().BeEmpty();
    }
}
