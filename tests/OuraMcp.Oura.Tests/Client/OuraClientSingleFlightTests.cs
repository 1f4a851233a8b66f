using System.Net;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Client;

public class OuraClientSingleFlightTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly OuraListRequest OneDay = OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A scripted answer held back until released, recording whether its request was cancelled.</summary>
    private sealed class HeldAnswer
    {
        public TaskCompletionSource<HttpResponseMessage> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The upstream request's token, once it reached the network: cancelling it is synchronous, so a test reads it at once.</summary>
        public TaskCompletionSource<CancellationToken> Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<HttpResponseMessage> Answer(HttpRequestMessage _, CancellationToken ct)
        {
            Sent.TrySetResult(ct);
            // Not ct.Register: callbacks run newest first, and WaitAsync's would end this method before ours ran.
            try
            {
                return await Release.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }

    private static string OnePage(string id) => ClientHarness.Page(null, ClientHarness.DayDocument(OuraCatalog.DailySleep, id, "2026-03-05"));

    [Fact]
    public async Task Two_concurrent_identical_calls_are_made_once_upstream_and_share_the_parsed_page()
    {
        var h = new ClientHarness();
        var held = new HeldAnswer();
        h.Handler.Then(held.Answer);

        var first = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);
        var second = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);
        held.Release.SetResult(ScriptedHttpHandler.Json(HttpStatusCode.OK, OnePage("shared")));
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);

        h.Requests.Should().HaveCount(1);
        results[0].Data.Should().ContainSingle().Which.Should().BeSameAs(results[1].Data.Single());
        h.Client.Flights.InFlight.Should().Be(0, "nothing is kept once the call completes");
    }

    [Fact]
    public async Task Calls_for_different_urls_are_made_separately()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(OnePage("a")).ThenJson(OnePage("b"));

        await Task.WhenAll(
            h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default),
            h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(Day.AddDays(-1), Day, TimeZoneInfo.Utc), default)).WaitAsync(Patience);

        h.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_call_after_the_first_completed_goes_upstream_again()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson(OnePage("a")).ThenJson(OnePage("b"));

        (await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default)).Data.Single().Id.Should().Be("a");
        (await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default)).Data.Single().Id.Should().Be("b");
    }

    [Fact]
    public async Task One_waiter_cancelling_does_not_cancel_the_other()
    {
        var h = new ClientHarness();
        var held = new HeldAnswer();
        h.Handler.Then(held.Answer);
        using var impatient = new CancellationTokenSource();

        var cancelled = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, impatient.Token);
        var patient = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);
        var upstream = await held.Sent.Task.WaitAsync(Patience);
        await impatient.CancelAsync();

        // The waiter has left once its call has thrown; had it taken the upstream request along, the token would say so now.
        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        upstream.IsCancellationRequested.Should().BeFalse("another caller still waits for the answer");
        held.Release.SetResult(ScriptedHttpHandler.Json(HttpStatusCode.OK, OnePage("kept")));
        (await patient.WaitAsync(Patience)).Data.Single().Id.Should().Be("kept");
        held.Cancelled.Task.IsCompleted.Should().BeFalse("the answer came back: the request was never cancelled");
        h.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Every_waiter_cancelling_cancels_the_upstream_request()
    {
        var h = new ClientHarness();
        var held = new HeldAnswer();
        h.Handler.Then(held.Answer).ThenJson(OnePage("fresh"));
        using var one = new CancellationTokenSource();
        using var two = new CancellationTokenSource();

        var first = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, one.Token);
        var second = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, two.Token);
        var upstream = await held.Sent.Task.WaitAsync(Patience);
        await one.CancelAsync();
        await first.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        upstream.IsCancellationRequested.Should().BeFalse("one waiter is left");
        await two.CancelAsync();

        await held.Cancelled.Task.WaitAsync(Patience);
        await second.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();

        // A newcomer starts afresh instead of joining the cancelled call.
        (await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default).WaitAsync(Patience)).Data.Single().Id.Should().Be("fresh");
    }

    [Fact]
    public async Task A_failure_reaches_every_waiter_and_is_not_remembered()
    {
        var h = new ClientHarness();
        var held = new HeldAnswer();
        h.Handler.Then(held.Answer).ThenJson(OnePage("recovered"));

        var first = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);
        var second = h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default);
        held.Release.SetResult(ScriptedHttpHandler.Json(HttpStatusCode.ServiceUnavailable, null));

        await first.Invoking(t => t).Should().ThrowAsync<OuraUnavailableException>();
        await second.Invoking(t => t).Should().ThrowAsync<OuraUnavailableException>();
        h.Requests.Should().HaveCount(1);
        (await h.Client.ListAsync(OuraCatalog.DailySleep, OneDay, default)).Data.Single().Id.Should().Be("recovered");
    }

    [Fact]
    public async Task Document_reads_are_shared_too()
    {
        var h = new ClientHarness();
        var held = new HeldAnswer();
        h.Handler.Then(held.Answer);

        var first = h.Client.GetDocumentAsync(OuraCatalog.Session, "s-1", default);
        var second = h.Client.GetDocumentAsync(OuraCatalog.Session, "s-1", default);
        held.Release.SetResult(ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"id":"s-1","day":"2026-03-05"}"""));

        (await Task.WhenAll(first, second).WaitAsync(Patience)).Should().AllSatisfy(s => s.Id.Should().Be("s-1"));
        h.Requests.Should().HaveCount(1);
    }
}
