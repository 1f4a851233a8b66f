using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests;

public sealed class ProgressAndCancellationTests
{
    private const string HeartRatePath = "/v2/usercollection/heartrate";

    /// <summary>What the SDK's own progress callback receives; it may be called from several threads.</summary>
    private sealed class Recorder(Action<ProgressNotificationValue>? onReport = null) : IProgress<ProgressNotificationValue>
    {
        private readonly List<ProgressNotificationValue> _values = [];

        public List<ProgressNotificationValue> Values
        {
            get { lock (_values) return [.. _values]; }
        }

        public void Report(ProgressNotificationValue value)
        {
            lock (_values) _values.Add(value);
            onReport?.Invoke(value);
        }
    }

    [Fact]
    public async Task Fetching_many_pages_reports_one_growing_progress_step_per_page_to_the_sdks_progress_callback()
    {
        await using var server = await ServerHarness.StartAsync(fake: o => o.TimeSeriesPageSize = 50);
        var recorder = new Recorder();

        var result = await server.CallAsync("get_heart_rate", new { start_date = "2026-03-03", end_date = "2026-03-04", resolution = "raw", }, recorder);

        result.IsError.Should().NotBe(true);
        var pages = server.OuraRequests("heartrate").Count;
        pages.Should().BeGreaterThan(5);
        // What the server wrote: one notification per page, counting up, every one of them before the result.
        var sent = server.Sent;
        var resultAt = sent.ToList().FindIndex(m => m is JsonRpcResponse r && r.Result?["content"] is not null);
        var progress = sent.Select((m, i) => (m, i)).Where(x => x.m is JsonRpcNotification { Method: NotificationMethods.ProgressNotification }).ToList();
        progress.Select(p => ((JsonRpcNotification)p.m).Params!["progress"]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, pages), "one step per page, counting up");
        progress.Should().OnlyContain(p => p.i < resultAt, "every notification goes out before the result");
        // What the SDK's callback saw: it handles each incoming message on its own task and unregisters the call's
        // handler as soon as the result is in, so notifications written just before the result can lose that race on
        // the client; those that arrive are in order and say what is fetched.
        var seen = recorder.Values.Select(v => (int)v.Progress).Order().ToList();
        seen.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        seen.Should().Equal(Enumerable.Range(1, seen.Count), "one step per page, counting up");
        recorder.Values.Should().OnlyContain(v => v.Message!.StartsWith("Heart rate: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_the_call_aborts_the_page_in_flight_and_fetches_no_further_page()
    {
        await using var server = await ServerHarness.StartAsync(fake: o => o.TimeSeriesPageSize = 50);
        using var cancel = new CancellationTokenSource();
        var armed = 0;
        // After two pages, every further page is held (the fake waits on the test's clock, which does not move).
        var recorder = new Recorder(v =>
        {
            if (v.Progress >= 2 && Interlocked.Exchange(ref armed, 1) == 0) server.Fake!.Faults.Delay(TimeSpan.FromMinutes(5), count: null, pathPrefix: HeartRatePath);
        });

        var call = server.CallAsync("get_heart_rate", new { start_date = "2026-03-03", end_date = "2026-03-04", resolution = "raw" }, recorder, cancel.Token);
        // Cancelled once a page is held at the fake, so the cancellation certainly finds one in flight.
        await Eventually.HoldsAsync(() => server.Fake!.Faults.Waiting > 0, "the fake holds a heart-rate page");
        var beforeCancel = server.OuraRequests("heartrate").Count;
        cancel.Cancel();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        // The held page ends as 499 (the client gave up) once the server's cancellation reaches the HTTP request.
        for (var i = 0; i < 200 && !server.OuraRequests("heartrate").Any(r => r.Status == 499); i++) await Task.Delay(10);
        await Task.Delay(300);
        var requests = server.OuraRequests("heartrate");
        requests.Should().ContainSingle(r => r.Status == 499, "the page in flight is abandoned");
        requests.Should().HaveCount(beforeCancel + 1, "no page is asked for after the cancellation");
        requests.Count.Should().BeLessThan(10, "the listing had more pages to go");

        server.Fake!.Faults.Clear();
        var after = await server.CallAsync("get_vo2_max");
        after.IsError.Should().NotBe(true, "the server answers the next call");
    }
}
