using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.Oura.Tests.Client;

public class OuraClientPaginationTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly OuraListRequest OneDay = OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc);

    private static string Doc(string id) => ClientHarness.DayDocument(OuraCatalog.DailySleep, id, "2026-03-05");

    [Fact]
    public async Task Heart_rate_is_queried_by_datetime_and_follows_every_page()
    {
        var h = new ClientHarness();
        var at = new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero);
        // A token with characters that must survive the round trip verbatim.
        const string tricky = "eyJ+a2V5Ijo/IjEyIn0=&x";
        h.Handler.ThenJson(ClientHarness.Page(tricky, ClientHarness.Row(at)))
            .ThenJson(ClientHarness.Page("page-3", ClientHarness.Row(at.AddMinutes(1)), ClientHarness.Row(at.AddMinutes(2))))
            .ThenJson("""{"data":[""" + ClientHarness.Row(at.AddMinutes(3)) + "]}");

        var result = await h.Client.ListAsync(OuraCatalog.HeartRate, OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc), default);

        result.Data.Should().HaveCount(4);
        result.IsComplete.Should().BeTrue();
        result.PagesFetched.Should().Be(3);
        var requests = h.Requests;
        requests.Should().HaveCount(3);
        requests[0].QueryParameters().Should().NotContainKey("next_token");
        requests[1].QueryParameters()["next_token"].Should().Be(tricky);
        requests[2].QueryParameters()["next_token"].Should().Be("page-3");
        foreach (var r in requests)
        {
            r.QueryParameters()["start_datetime"].Should().Be("2026-03-05T00:00:00+00:00", "every page repeats the filters");
            r.QueryParameters()["end_datetime"].Should().Be("2026-03-06T00:00:00+00:00");
        }
    }

    [Fact]
    public async Task Progress_is_reported_after_every_page()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page("t2", Doc("a"), Doc("b"))).ThenJson(ClientHarness.Page(null, Doc("c")));
        var reports = new List<OuraPageProgress>();

        await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay with { Progress = new SyncProgress(reports.Add) }, default);

        reports.Should().Equal(new OuraPageProgress(1, 2, true), new OuraPageProgress(2, 3, false));
    }

    [Fact]
    public async Task The_page_cap_stops_the_listing_and_says_it_is_incomplete()
    {
        var h = new ClientHarness(o => o.MaxPages = 50);
        h.Handler.ThenJson(ClientHarness.Page("t2", Doc("a"))).ThenJson(ClientHarness.Page("t3", Doc("b")));

        var result = await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay with { MaxPages = 2 }, default);

        result.IsComplete.Should().BeFalse();
        result.IncompleteReason.Should().Contain("2 page(s)").And.Contain("Narrow the range");
        result.Data.Should().HaveCount(2);
        result.PagesFetched.Should().Be(2);
        h.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_options_page_cap_applies_when_the_request_names_none()
    {
        var h = new ClientHarness(o => o.MaxPages = 1);
        h.Handler.ThenJson(ClientHarness.Page("t2", Doc("a")));

        var result = await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);

        result.IsComplete.Should().BeFalse();
        h.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_repeated_page_token_stops_the_listing_and_says_so()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(ClientHarness.Page("t2", Doc("a")))
            .ThenJson(ClientHarness.Page("t3", Doc("b")))
            .ThenJson(ClientHarness.Page("t2", Doc("c")));

        var result = await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);

        result.IsComplete.Should().BeFalse();
        result.IncompleteReason.Should().Contain("repeated a page token");
        result.Data.Select(d => d.Id).Should().Equal("a", "b", "c");
        h.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Cancellation_between_pages_stops_the_listing()
    {
        var h = new ClientHarness();
        using var cts = new CancellationTokenSource();
        h.Handler.Then(_ => { cts.Cancel(); return ScriptedHttpHandlerJson(ClientHarness.Page("t2", Doc("a"))); });

        var act = () => h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        h.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Cancellation_during_a_page_cancels_the_request()
    {
        var h = new ClientHarness();
        using var cts = new CancellationTokenSource();
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.Then(async (_, ct) =>
        {
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { upstreamCancelled.SetResult(); throw; }
            throw new InvalidOperationException("unreachable");
        });

        var listing = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, cts.Token);
        cts.Cancel();

        await listing.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await upstreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static HttpResponseMessage ScriptedHttpHandlerJson(string json) =>
        OuraMcp.Testing.ScriptedHttpHandler.Json(System.Net.HttpStatusCode.OK, json);

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this reports inline so the order is the order of pages.</summary>
    private sealed class SyncProgress(Action<OuraPageProgress> report) : IProgress<OuraPageProgress>
    {
        public void Report(OuraPageProgress value) => report(value);
    }
}
