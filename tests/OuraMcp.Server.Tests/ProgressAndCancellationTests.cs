using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

public sealed class ProgressAndCancellationTests
{
    private sealed class Recorder : IProgress<ProgressNotificationValue>
    {
        public List<ProgressNotificationValue> Values { get; } = [];

        public void Report(ProgressNotificationValue value)
        {
            lock (Values) Values.Add(value);
        }
    }

    [Fact]
    public async Task Fetching_many_pages_sends_growing_progress_notifications_before_the_result()
    {
        var oura = TestData.Person();
        oura.PageSize = 1;
        await using var server = await ServerHarness.StartAsync(oura);
        var seen = new List<ProgressNotificationParams>();
        await using var handler = server.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            lock (seen) seen.Add(JsonSerializer.Deserialize<ProgressNotificationParams>(notification.Params, McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });

        await server.CallAsync("get_heart_rate", new { start_date = "2026-03-05", resolution = "raw" }, new Recorder());

        for (var i = 0; i < 50 && seen.Count < 8; i++) await Task.Delay(20);
        // Written in order before the result; the client hands notifications to handlers concurrently, so compare as a set.
        seen.Select(n => n.Progress.Progress).Should().BeEquivalentTo(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        seen.Single(n => n.Progress.Progress == 8).Progress.Message.Should().Be("Heart rate: 8 pages fetched, 8 items so far");
    }

    [Fact]
    public async Task Cancelling_the_call_cancels_the_oura_request()
    {
        var oura = TestData.Person();
        oura.Gate = new TaskCompletionSource();
        await using var server = await ServerHarness.StartAsync(oura);
        using var cancel = new CancellationTokenSource();

        var call = server.CallAsync("get_sleep", cancellationToken: cancel.Token);
        for (var i = 0; i < 100 && oura.Requests.IsEmpty; i++) await Task.Delay(10);
        cancel.Cancel();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        oura.Requests.Should().NotBeEmpty();
        var after = await FluentActions.Awaiting(async () =>
        {
            oura.Gate = null;
            return await server.CallAsync("get_vo2_max");
        }).Should().NotThrowAsync();
        after.Subject.IsError.Should().NotBe(true);
    }
}
