using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.History.Tests.Storage;

/// <summary>
/// What every history store must do, run over SQLite and PostgreSQL: documents read back by another instance with
/// every field, a window that replaces exactly its own days, people and collections kept apart, settled days merged
/// and kept, and concurrent writers that lose nothing.
/// </summary>
public abstract partial class HistoryStoreContract : IDisposable
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 30, 6, 15, 0, TimeSpan.FromHours(2));

    /// <summary>A new instance over the same stored data.</summary>
    protected abstract IHistoryStore CreateStore();

    public virtual void Dispose() { }

    protected static HistoryDocument Doc(string id, int day, string score = "80") =>
        new(id, new DateOnly(2026, 11, day), $$"""{"id":"{{id}}","day":"2026-11-{{day:00}}","score":{{score}},"unknown_new_field":[1,2]}""", FetchedAt);

    protected static DayInterval Days(int first, int last) => new(new DateOnly(2026, 11, first), new DateOnly(2026, 11, last));

    protected static HistoryWindow Window(int first, int last, IReadOnlyList<HistoryDocument> documents, DayInterval? settled = null) =>
        new(new DateOnly(2026, 11, first), new DateOnly(2026, 11, last), documents, settled);

    [StoreFact]
    public async Task A_saved_window_is_read_back_by_another_instance_with_every_field()
    {
        await CreateStore().SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 3, [Doc("b", 2), Doc("a", 1), Doc("c", 3)]), default);

        var read = await CreateStore().ReadAsync("alice", OuraCatalog.DailySleep, null, null, default);

        read.Should().Equal(Doc("a", 1), Doc("b", 2), Doc("c", 3));
        read[0].FetchedAt.Should().Be(FetchedAt);
        read[0].Json.Should().Contain("unknown_new_field", "the raw document is kept, members no model knows included");
    }

    [StoreFact]
    public async Task Forgetting_a_person_removes_their_documents_and_settled_days_and_no_one_elses()
    {
        var store = CreateStore();
        foreach (var person in new[] { "alice", "bob" })
        {
            await store.SaveWindowAsync(person, OuraCatalog.DailySleep, Window(1, 2, [Doc("a", 1), Doc("b", 2)], Days(1, 2)), default);
            await store.SaveWindowAsync(person, OuraCatalog.Sleep, Window(1, 1, [Doc("s", 1)], Days(1, 1)), default);
        }

        (await CreateStore().ForgetPersonAsync("alice", default)).Should().Be(3);

        (await store.CountAsync("alice", default)).Should().BeEmpty();
        (await store.GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().BeEmpty();
        (await store.CountAsync("bob", default)).Should().Equal(new Dictionary<string, int> { ["daily_sleep"] = 2, ["sleep"] = 1 });
        (await store.GetSettledAsync("bob", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 2));
    }

    [StoreFact]
    public async Task Reading_by_days_returns_only_those_days_both_ends_included()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 5, [.. Enumerable.Range(1, 5).Select(d => Doc($"d{d}", d))]), default);

        (await store.ReadAsync("alice", OuraCatalog.DailySleep, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 4), default))
            .Select(d => d.Id).Should().Equal("d2", "d3", "d4");
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, new DateOnly(2026, 11, 4), null, default))
            .Select(d => d.Id).Should().Equal("d4", "d5");
    }

    [StoreFact]
    public async Task Saving_a_window_again_replaces_the_documents_of_its_days_and_no_others()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.Sleep, Window(1, 6, [Doc("a", 1), Doc("b", 3), Doc("gone", 4), Doc("f", 6)]), default);

        // Oura revised day 3 and deleted day 4's document: the re-fetched window of days 3..4 says so.
        await store.SaveWindowAsync("alice", OuraCatalog.Sleep, Window(3, 4, [Doc("b", 3, "91")]), default);

        var read = await store.ReadAsync("alice", OuraCatalog.Sleep, null, null, default);
        read.Select(d => d.Id).Should().Equal("a", "b", "f");
        read.Single(d => d.Id == "b").Json.Should().Contain("\"score\":91");
    }

    [StoreFact]
    public async Task A_window_holding_one_id_twice_keeps_the_later_document()
    {
        await CreateStore().SaveWindowAsync("alice", OuraCatalog.HeartRate, Window(1, 1, [Doc("t", 1, "60"), Doc("u", 1), Doc("t", 1, "61")]), default);

        var read = await CreateStore().ReadAsync("alice", OuraCatalog.HeartRate, null, null, default);
        read.Select(d => d.Id).Should().Equal("t", "u");
        read[0].Json.Should().Contain("\"score\":61");
    }

    [StoreFact]
    public async Task People_and_collections_are_kept_apart()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 2, [Doc("a", 1)], Days(1, 2)), default);
        await store.SaveWindowAsync("bob", OuraCatalog.DailySleep, Window(1, 2, [Doc("b", 1)]), default);
        await store.SaveWindowAsync("alice", OuraCatalog.DailyReadiness, Window(1, 2, [Doc("r", 2)]), default);

        // Bob's and the other collection's windows over the same days removed nothing of alice's sleep.
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Select(d => d.Id).Should().Equal("a");
        (await store.ReadAsync("bob", OuraCatalog.DailySleep, null, null, default)).Select(d => d.Id).Should().Equal("b");
        (await store.GetSettledAsync("bob", OuraCatalog.DailySleep, default)).Should().BeEmpty();
        (await store.GetSettledAsync("alice", OuraCatalog.DailyReadiness, default)).Should().BeEmpty();
        (await store.CountAsync("alice", default)).Should().Equal(new Dictionary<string, int> { ["daily_readiness"] = 1, ["daily_sleep"] = 1 });
        (await store.CountAsync("carol", default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task The_days_with_data_are_the_persons_days_of_that_collection_each_once_most_recent_first()
    {
        var store = CreateStore();
        // Settled days without a document are no days with data; two documents on one day are one day.
        await store.SaveWindowAsync("alice", OuraCatalog.Sleep, Window(1, 12, [Doc("a", 3), Doc("b", 11), Doc("c", 3), Doc("d", 9)], Days(1, 12)), default);
        await store.SaveWindowAsync("bob", OuraCatalog.Sleep, Window(1, 12, [Doc("e", 12)]), default);
        await store.SaveWindowAsync("alice", OuraCatalog.DailyReadiness, Window(1, 12, [Doc("r", 5)]), default);

        (await store.DaysWithDataAsync("alice", OuraCatalog.Sleep, default)).Should().Equal(new DateOnly(2026, 11, 11), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 3));
        (await store.DaysWithDataAsync("bob", OuraCatalog.Sleep, default)).Should().Equal(new DateOnly(2026, 11, 12));
        (await store.DaysWithDataAsync("carol", OuraCatalog.Sleep, default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Settled_days_are_merged_and_kept_for_the_next_instance()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 3, [], Days(1, 3)), default);
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(7, 9, [], Days(7, 8)), default);
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(4, 6, [], Days(4, 5)), default);

        (await CreateStore().GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 5), Days(7, 8));

        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(6, 6, [], Days(6, 6)), default);
        (await CreateStore().GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 8));
    }

    [StoreFact]
    public async Task A_collection_without_days_is_replaced_whole()
    {
        var store = CreateStore();
        HistoryDocument Ring(string id) => new(id, null, $$"""{"id":"{{id}}"}""", FetchedAt);
        await store.SaveWindowAsync("alice", OuraCatalog.RingConfiguration, new HistoryWindow(null, null, [Ring("old"), Ring("new")], null), default);
        await store.SaveWindowAsync("alice", OuraCatalog.RingConfiguration, new HistoryWindow(null, null, [Ring("new")], null), default);

        (await CreateStore().ReadAsync("alice", OuraCatalog.RingConfiguration, null, null, default)).Should().Equal(Ring("new"));
    }

    [StoreFact]
    public async Task Removing_a_document_forgets_it_and_says_whether_it_was_there()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.Workout, Window(1, 1, [Doc("w1", 1), Doc("w2", 1)]), default);

        (await store.RemoveAsync("alice", OuraCatalog.Workout, "w1", default)).Should().BeTrue();
        (await store.RemoveAsync("alice", OuraCatalog.Workout, "w1", default)).Should().BeFalse();
        (await store.RemoveAsync("bob", OuraCatalog.Workout, "w2", default)).Should().BeFalse();
        (await CreateStore().ReadAsync("alice", OuraCatalog.Workout, null, null, default)).Select(d => d.Id).Should().Equal("w2");
    }

    [StoreFact]
    public async Task Concurrent_writers_of_one_collection_lose_no_settled_day_and_no_document()
    {
        var first = CreateStore();
        var second = CreateStore();

        await Task.WhenAll(Enumerable.Range(1, 20).Select(day => Task.Run(() =>
            (day % 2 == 0 ? first : second).SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(day, day, [Doc($"d{day:00}", day)], Days(day, day)), default))));

        (await CreateStore().GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 20));
        (await CreateStore().ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Should().HaveCount(20);
    }
}
