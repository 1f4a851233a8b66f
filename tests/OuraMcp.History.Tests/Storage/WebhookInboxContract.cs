using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Testing;

namespace OuraMcp.History.Tests.Storage;

/// <summary>
/// The webhook inbox and single-document changes, in the same contract suite (SQLite and PostgreSQL): an event kept
/// once however often it arrives, taken by one processor at a time, given back for later, finished and pruned; a
/// document applied or removed by id with its days made provisional again.
/// </summary>
public abstract partial class HistoryStoreContract
{
    private static readonly DateTimeOffset Received = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static WebhookEvent Event(string objectId, string time = "2026-11-30T07:59:30+00:00") =>
        new("oura-user-1", "daily_sleep", objectId, "update", DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    private IWebhookInbox Inbox() => (IWebhookInbox)CreateStore();

    [StoreFact]
    public async Task An_event_is_kept_once_however_often_it_arrives_and_whatever_offset_its_time_is_written_in()
    {
        (await Inbox().EnqueueAsync(Event("a"), Received, default)).Should().BeTrue();
        (await Inbox().EnqueueAsync(Event("a"), Received.AddSeconds(5), default)).Should().BeFalse();
        (await Inbox().EnqueueAsync(Event("a", "2026-11-30T09:59:30+02:00"), Received.AddSeconds(9), default)).Should().BeFalse();
        (await Inbox().EnqueueAsync(Event("a", "2026-11-30T07:59:31+00:00"), Received, default)).Should().BeTrue("another time is another event");

        var entries = await Inbox().ListAsync(default);
        entries.Should().HaveCount(2).And.OnlyContain(e => e.State == WebhookEventState.Pending && e.Attempts == 0);
        entries[0].Event.Should().Be(Event("a"));
        entries[0].ReceivedAt.Should().Be(Received);
    }

    [StoreFact]
    public async Task A_taken_event_is_leased_to_one_processor_and_given_back_when_the_lease_runs_out()
    {
        await Inbox().EnqueueAsync(Event("a"), Received, default);
        var now = Received.AddSeconds(1);

        var first = await Inbox().ClaimAsync(now, TimeSpan.FromMinutes(2), 10, default);
        var second = await Inbox().ClaimAsync(now.AddMinutes(1), TimeSpan.FromMinutes(2), 10, default);
        var afterLease = await Inbox().ClaimAsync(now.AddMinutes(3), TimeSpan.FromMinutes(2), 10, default);

        first.Should().ContainSingle().Which.Attempts.Should().Be(1);
        second.Should().BeEmpty("another processor holds it");
        afterLease.Should().ContainSingle("the processor that held it died").Which.Attempts.Should().Be(2);
    }

    [StoreFact]
    public async Task Processors_taking_at_once_never_take_the_same_event_twice()
    {
        for (var i = 0; i < 30; i++) await Inbox().EnqueueAsync(Event($"e{i}"), Received, default);

        var takers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var inbox = Inbox();
            var mine = new List<string>();
            for (var round = 0; round < 5; round++)
                mine.AddRange((await inbox.ClaimAsync(Received, TimeSpan.FromMinutes(2), 30, default)).Select(t => t.Event.ObjectId));
            return mine;
        })).ToList();
        var taken = (await Task.WhenAll(takers)).SelectMany(t => t).ToList();

        taken.Should().HaveCount(30).And.OnlyHaveUniqueItems();
    }

    [StoreFact]
    public async Task An_event_given_back_waits_for_its_time_and_a_finished_one_is_never_taken_again()
    {
        await Inbox().EnqueueAsync(Event("later"), Received, default);
        await Inbox().EnqueueAsync(Event("done"), Received, default);
        var taken = await Inbox().ClaimAsync(Received, TimeSpan.FromMinutes(2), 10, default);
        taken.Should().HaveCount(2);

        await Inbox().RetryLaterAsync(taken.Single(t => t.Event.ObjectId == "later").Key, Received.AddMinutes(1), "Oura answered 503", default);
        await Inbox().FinishAsync(taken.Single(t => t.Event.ObjectId == "done").Key, WebhookEventState.Done, "applied", Received, default);

        (await Inbox().ClaimAsync(Received.AddSeconds(30), TimeSpan.FromMinutes(2), 10, default)).Should().BeEmpty();
        (await Inbox().ClaimAsync(Received.AddMinutes(1), TimeSpan.FromMinutes(2), 10, default)).Should().ContainSingle().Which.Event.ObjectId.Should().Be("later");
        (await Inbox().ListAsync(default)).Single(e => e.Event.ObjectId == "done").Should().Match<WebhookInboxEntry>(e => e.State == WebhookEventState.Done && e.Note == "applied");

        (await Inbox().PruneAsync(Received.AddDays(1), default)).Should().Be(1, "only finished events are forgotten");
        (await Inbox().ListAsync(default)).Select(e => e.Event.ObjectId).Should().Equal("later");
    }

    [StoreFact]
    public async Task A_changed_document_replaces_its_row_and_makes_its_old_and_new_days_provisional()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 10, [Doc("a", 3), Doc("b", 5)], Days(1, 10)), default);

        var days = await store.ApplyChangeAsync("alice", OuraCatalog.DailySleep, "a", Doc("a", 4, "99"), default);

        days.Should().Equal(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 4));
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Should().Equal(Doc("a", 4, "99"), Doc("b", 5));
        (await store.GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 2), Days(5, 10));
    }

    [StoreFact]
    public async Task A_deleted_document_is_removed_and_only_its_day_becomes_provisional()
    {
        var store = CreateStore();
        await store.SaveWindowAsync("alice", OuraCatalog.DailySleep, Window(1, 10, [Doc("a", 3), Doc("b", 5)], Days(1, 10)), default);
        await store.SaveWindowAsync("bob", OuraCatalog.DailySleep, Window(1, 10, [Doc("a", 3)], Days(1, 10)), default);

        var days = await store.ApplyChangeAsync("alice", OuraCatalog.DailySleep, "a", null, default);
        var unknown = await store.ApplyChangeAsync("alice", OuraCatalog.DailySleep, "never-stored", null, default);

        days.Should().Equal(new DateOnly(2026, 11, 3));
        unknown.Should().BeEmpty();
        (await store.ReadAsync("alice", OuraCatalog.DailySleep, null, null, default)).Select(d => d.Id).Should().Equal("b");
        (await store.GetSettledAsync("alice", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 2), Days(4, 10));
        (await store.ReadAsync("bob", OuraCatalog.DailySleep, null, null, default)).Select(d => d.Id).Should().Equal(["a"], "people are kept apart");
        (await store.GetSettledAsync("bob", OuraCatalog.DailySleep, default)).Should().Equal(Days(1, 10));
    }
}
