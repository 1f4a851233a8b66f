using System.Text.Json;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Reading;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.History.Tests.Support;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.History.Tests.Reading;

/// <summary>
/// Reading through the history against the fake Oura and the real client: the first question is asked of Oura and
/// stored, the same question again asks Oura only for the provisional days, the answers are the same documents, and
/// the answer says how much came from the store.
/// </summary>
public sealed class HistoryReadThroughTests : IDisposable
{
    private static readonly DateOnly LastDay = new(2026, 3, 20);
    private static readonly DateOnly FirstDay = LastDay.AddDays(-120);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static IFakePerson Person() => FakePeople.Create("reader", FakePeople.DemoSeed, SyncHarness.Zone, FirstDay, LastDay);

    [Theory]
    [InlineData("daily_sleep")]
    [InlineData("sleep")]
    [InlineData("workout")]
    [InlineData("tag")]
    public async Task The_same_question_twice_asks_Oura_only_for_the_provisional_days_the_second_time_and_answers_the_same(string name)
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var collection = OuraCatalog.Find(name)!;
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var reader = new HistoryReadThrough(harness.Client, store, "alice", harness.Clock);
        var request = OuraListRequest.ForDays(LastDay.AddDays(-89), LastDay, harness.TimeZone);

        var first = await ListAsync(reader, collection, request);
        var askedFirst = harness.Fake.Requests.All.Select(harness.DaysOf).OfType<(OuraCollection, DayInterval Days)>().ToList();
        harness.Fake.Requests.Clear();
        var second = await ListAsync(reader, collection, request);
        var askedSecond = harness.Fake.Requests.All.Select(harness.DaysOf).OfType<(OuraCollection, DayInterval Days)>().Select(a => a.Days).ToList();

        askedFirst.Should().NotBeEmpty();
        askedSecond.Should().Equal([new DayInterval(LastDay.AddDays(-2), LastDay)], "only today and the two days before are asked again");
        second.Ids.Should().BeEquivalentTo(first.Ids, "the stored days answer as Oura did");
        second.Ids.Should().BeEquivalentTo(harness.Person.Documents(collection).Where(d => d.Day >= request.StartDay && d.Day <= request.EndDay).Select(d => d.Id));
        first.FromHistory.Should().Be(new StoredPart(0, 90, null));
        second.FromHistory!.Days.Should().Be(87);
        second.FromHistory.DaysAsked.Should().Be(90);
        second.FromHistory.OldestFetch.Should().Be(harness.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Provisional_days_fetched_a_moment_ago_are_served_from_the_store_and_asked_again_once_stale()
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var recent = new RecentFetches(TimeSpan.FromMinutes(5));
        var reader = new HistoryReadThrough(harness.Client, store, "alice", harness.Clock, recent);
        var year = OuraListRequest.ForDays(LastDay.AddDays(-99), LastDay, harness.TimeZone);
        var cold = await ListAsync(reader, OuraCatalog.DailySleep, year);
        harness.Fake.Requests.Clear();

        harness.Clock.Advance(TimeSpan.FromMinutes(4));
        var warm = await ListAsync(reader, OuraCatalog.DailySleep, year);
        var warmCalls = harness.Fake.Requests.Count("/v2/usercollection/");
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var stale = await ListAsync(reader, OuraCatalog.DailySleep, year);

        warmCalls.Should().Be(0, "every day was stored within the last five minutes");
        warm.Ids.Should().BeEquivalentTo(cold.Ids);
        warm.FromHistory!.Days.Should().Be(100);
        harness.Fake.Requests.Count("/v2/usercollection/").Should().Be(1, "six minutes on, the provisional days are asked again");
        stale.FromHistory!.Days.Should().Be(97);
    }

    [Fact]
    public async Task Heart_rate_asked_twice_is_answered_from_the_history_for_its_settled_whole_days_and_the_partial_day_is_asked_again()
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var reader = new HistoryReadThrough(harness.Client, store, "alice", harness.Clock);
        var zone = harness.TimeZone;
        // Ten whole local days, then the first six hours of the next (a partial day).
        var start = LocalDays.Start(LastDay.AddDays(-20), zone);
        var end = LocalDays.Start(LastDay.AddDays(-10), zone).AddHours(6);
        var request = OuraListRequest.Between(start, end) with { TimeZone = zone };

        var first = await Timestamps(reader, request);
        harness.Fake.Requests.Clear();
        var second = await Timestamps(reader, request);

        second.Rows.Should().Equal(first.Rows, "the stored days answer as Oura did");
        second.Rows.Should().OnlyContain(t => t >= start && t < end);
        second.FromHistory.Should().Be(new StoredPart(10, 10, harness.Clock.GetUtcNow()));
        harness.Fake.Requests.All.Select(harness.DaysOf).OfType<(OuraCollection, DayInterval Days)>().Select(a => a.Days)
            .Should().Equal([new DayInterval(LastDay.AddDays(-10), LastDay.AddDays(-10))], "only the partial day is asked again");
    }

    [Fact]
    public void Whole_days_of_a_series_are_the_days_its_instants_cover_from_midnight_to_midnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var day = new DateOnly(2026, 3, 10);
        OuraListRequest Between(DateTimeOffset from, DateTimeOffset to) => OuraListRequest.Between(from, to) with { TimeZone = zone };

        HistoryReadThrough.WholeDays(OuraCatalog.HeartRate, Between(LocalDays.Start(day, zone), LocalDays.Start(day.AddDays(3), zone)))
            .Should().Be(new DayInterval(day, day.AddDays(2)));
        HistoryReadThrough.WholeDays(OuraCatalog.HeartRate, Between(LocalDays.Start(day, zone).AddMinutes(1), LocalDays.Start(day.AddDays(3), zone).AddMinutes(-1)))
            .Should().Be(new DayInterval(day.AddDays(1), day.AddDays(1)));
        HistoryReadThrough.WholeDays(OuraCatalog.HeartRate, Between(LocalDays.Start(day, zone).AddHours(1), LocalDays.Start(day, zone).AddHours(20))).Should().BeNull();
        HistoryReadThrough.WholeDays(OuraCatalog.RingConfiguration, new OuraListRequest()).Should().BeNull();
    }

    [Fact]
    public async Task A_question_that_overlaps_what_is_stored_asks_Oura_only_for_the_days_around_it()
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var reader = new HistoryReadThrough(harness.Client, store, "alice", harness.Clock);
        await ListAsync(reader, OuraCatalog.DailyReadiness, OuraListRequest.ForDays(LastDay.AddDays(-60), LastDay.AddDays(-31), harness.TimeZone));
        harness.Fake.Requests.Clear();

        var answer = await ListAsync(reader, OuraCatalog.DailyReadiness, OuraListRequest.ForDays(LastDay.AddDays(-70), LastDay.AddDays(-20), harness.TimeZone));

        harness.Fake.Requests.All.Select(harness.DaysOf).OfType<(OuraCollection, DayInterval Days)>().Select(a => a.Days).Should().Equal(
            new DayInterval(LastDay.AddDays(-70), LastDay.AddDays(-61)), new DayInterval(LastDay.AddDays(-30), LastDay.AddDays(-20)));
        answer.Ids.Should().HaveCount(51);
        answer.FromHistory!.Days.Should().Be(30);
    }

    [Fact]
    public async Task Each_person_reads_only_their_own_history()
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var request = OuraListRequest.ForDays(LastDay.AddDays(-30), LastDay.AddDays(-10), harness.TimeZone);
        await ListAsync(new HistoryReadThrough(harness.Client, store, "alice", harness.Clock), OuraCatalog.DailySleep, request);
        harness.Fake.Requests.Clear();

        var bob = await ListAsync(new HistoryReadThrough(harness.Client, store, "bob", harness.Clock), OuraCatalog.DailySleep, request);

        bob.FromHistory!.Days.Should().Be(0, "alice's stored days are not bob's");
        harness.Fake.Requests.Count("/v2/usercollection/daily_sleep").Should().Be(1);
    }

    [Fact]
    public async Task Fields_asked_for_do_not_leave_partial_documents_in_the_store()
    {
        await using var harness = new SyncHarness(Person(), LastDay);
        var store = new SqliteHistoryStore(_directory.File("history.db"));
        var reader = new HistoryReadThrough(harness.Client, store, "alice", harness.Clock);
        var days = OuraListRequest.ForDays(LastDay.AddDays(-20), LastDay.AddDays(-10), harness.TimeZone);

        await ListAsync(reader, OuraCatalog.DailySleep, days with { Fields = ["score"] });
        var stored = await store.ReadAsync("alice", OuraCatalog.DailySleep, days.StartDay, days.EndDay, default);

        stored.Should().NotBeEmpty();
        stored.Select(d => JsonDocument.Parse(d.Json).RootElement.TryGetProperty("contributors", out var _)).Should().AllBeEquivalentTo(true);
    }

    [Theory]
    [InlineData("2026-01-10", "2026-01-20", "", "2026-01-10..2026-01-20")]
    [InlineData("2026-01-10", "2026-01-20", "2026-01-01..2026-01-31", "")]
    [InlineData("2026-01-10", "2026-01-20", "2026-01-12..2026-01-13,2026-01-15..2026-01-15", "2026-01-10..2026-01-11,2026-01-14..2026-01-14,2026-01-16..2026-01-20")]
    [InlineData("2026-01-10", "2026-01-20", "2026-01-01..2026-01-10,2026-01-20..2026-02-01", "2026-01-11..2026-01-19")]
    public void Split_finds_the_stored_days_and_the_gaps(string first, string last, string settled, string gaps)
    {
        var intervals = settled.Length == 0 ? [] : settled.Split(',').Select(Interval).ToList();

        var (stored, missing) = HistoryReadThrough.Split(new DayInterval(DateOnly.Parse(first), DateOnly.Parse(last)), intervals);

        string.Join(",", missing).Should().Be(gaps);
        (stored.Sum(s => s.Days) + missing.Sum(m => m.Days)).Should().Be(11);
    }

    private static DayInterval Interval(string text)
    {
        var parts = text.Split("..");
        return new DayInterval(DateOnly.Parse(parts[0]), DateOnly.Parse(parts[1]));
    }

    private static Task<Answer> ListAsync(IOuraClient client, OuraCollection collection, OuraListRequest request) =>
        collection.Accept(new Lister(client, request));

    private static Task<(IReadOnlyList<DateTimeOffset> Rows, StoredPart? FromHistory)> Timestamps(IOuraClient client, OuraListRequest request) =>
        client.ListAsync(OuraCatalog.HeartRate, request, default)
            .ContinueWith(t => ((IReadOnlyList<DateTimeOffset>)t.Result.Data.Select(r => r.Timestamp).Order().ToList(), t.Result.FromHistory), TaskScheduler.Default);

    private sealed record Answer(IReadOnlyList<string> Ids, StoredPart? FromHistory);

    private sealed class Lister(IOuraClient client, OuraListRequest request) : IOuraCollectionVisitor<Task<Answer>>
    {
        public async Task<Answer> Visit<T>(OuraCollection<T> collection)
        {
            var result = await client.ListAsync(collection, request, default);
            var ids = result.Data.Select(d => JsonSerializer.SerializeToElement(d, collection.ModelTypeInfo).GetProperty("id").GetString()!).ToList();
            return new Answer(ids, result.FromHistory);
        }
    }
}
