using System.Text;
using Npgsql;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Http;
using OuraMcp.Server.Resources;
using OuraMcp.Server.Tests.Http.OAuth;

namespace OuraMcp.Server.Tests.Http;

/// <summary>A change to a person's history as PostgreSQL notification payloads: compact, under PostgreSQL's limit, and read back whole.</summary>
public sealed class HistoryChangeMessagesTests
{
    private static readonly DateOnly YearStart = new(2025, 12, 1);

    [Fact]
    public void A_full_year_sync_of_every_collection_is_one_small_payload_read_back_whole()
    {
        var year = Days(YearStart, 366, every: 1);
        var change = new HistoryChange("person-1", [.. OuraCatalog.All.Select(c => new ChangedDays(c, year))]);

        var payloads = HistoryChangeMessages.Encode(change);

        payloads.Should().ContainSingle("a sync's days are one run per collection");
        Encoding.UTF8.GetByteCount(payloads[0]).Should().BeLessThan(2000);
        ShouldSay(payloads, change);
    }

    [Fact]
    public void Days_scattered_over_a_year_in_several_collections_are_split_under_the_limit_and_read_back_whole()
    {
        // Every other day: no two consecutive, so each day is a run of its own.
        var scattered = Days(YearStart, 366, every: 2);
        var change = new HistoryChange("person-ä\"2", [.. OuraCatalog.All.Take(6).Select(c => new ChangedDays(c, scattered))]);

        var payloads = HistoryChangeMessages.Encode(change);

        payloads.Should().HaveCountGreaterThan(1);
        payloads.Should().OnlyContain(p => Encoding.UTF8.GetByteCount(p) <= HistoryChangeMessages.MaxBytes);
        ShouldSay(payloads, change);

        var small = HistoryChangeMessages.Encode(change, maxBytes: 300);
        small.Should().OnlyContain(p => Encoding.UTF8.GetByteCount(p) <= 300, "the size is counted exactly, escapes included");
        ShouldSay(small, change);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"c":{"daily_sleep":["2026-01-01"]}}""")]
    [InlineData("""{"p":"x","c":{"daily_sleep":["2026-01-05..2026-01-01"]}}""")]
    [InlineData("""{"p":"x","c":{"daily_sleep":["0001-01-01..9999-12-31"]}}""")]
    [InlineData("""{"p":"x","c":{"daily_sleep":[5]}}""")]
    public void A_payload_this_server_never_sends_is_no_change(string payload) =>
        HistoryChangeMessages.Decode(payload).Should().BeNull();

    [Fact]
    public void A_collection_this_version_does_not_know_is_left_out()
    {
        var change = HistoryChangeMessages.Decode("""{"p":"x","c":{"future_collection":["2026-01-01"],"daily_sleep":["2026-01-01..2026-01-03"]}}""")!;
        change.Collections.Should().ContainSingle().Which.Collection.Should().Be(OuraCatalog.DailySleep);
        change.Collections[0].Days.Should().HaveCount(3);
    }

    [PostgresFact]
    public async Task The_split_payloads_pass_through_PostgreSQL_NOTIFY_and_LISTEN_whole()
    {
        var change = new HistoryChange("person-3", [.. OuraCatalog.All.Take(8).Select(c => new ChangedDays(c, Days(YearStart, 366, every: 2)))]);
        var payloads = HistoryChangeMessages.Encode(change);
        var channel = "history_change_test_" + Guid.NewGuid().ToString("N")[..12];

        await using var listener = new NpgsqlConnection(PostgresOAuthFixture.Admin);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, n) => heard.Add(n.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", listener)) await listen.ExecuteNonQueryAsync();
        await using (var sender = new NpgsqlConnection(PostgresOAuthFixture.Admin))
        {
            await sender.OpenAsync();
            foreach (var payload in payloads)
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", sender);
                notify.Parameters.AddWithValue("channel", channel);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync();
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (heard.Count < payloads.Count) await listener.WaitAsync(timeout.Token);
        ShouldSay(heard, change);
    }

    private static void ShouldSay(IReadOnlyList<string> payloads, HistoryChange change)
    {
        var read = payloads.Select(p => HistoryChangeMessages.Decode(p)!).ToList();
        read.Should().OnlyContain(c => c != null && c.PersonId == change.PersonId, "every part names the person");
        var days = read.SelectMany(c => c.Collections).GroupBy(c => c.Collection)
            .ToDictionary(g => g.Key, g => g.SelectMany(c => c.Days).ToHashSet());
        days.Keys.Should().BeEquivalentTo(change.Collections.Select(c => c.Collection));
        foreach (var changed in change.Collections) days[changed.Collection].Should().BeEquivalentTo(changed.Days, changed.Collection.Name);
    }

    private static HashSet<DateOnly> Days(DateOnly first, int count, int every) =>
        [.. Enumerable.Range(0, count).Where(i => i % every == 0).Select(first.AddDays)];
}
