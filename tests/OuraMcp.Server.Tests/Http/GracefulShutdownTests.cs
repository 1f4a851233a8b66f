using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OuraMcp.Hosting;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// Stopping (what SIGTERM does: the host's lifetime asks to stop) lets a tool call in flight finish and answer, within
/// the bound; new connections are no longer accepted.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string CallPersonalInfo = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}""";

    [Fact]
    public async Task A_call_in_flight_when_the_server_is_asked_to_stop_finishes_and_is_answered()
    {
        var oura = new GatedOuraClient();
        var settings = new ServerSettings { AccessToken = "test-token", TimeZone = TimeZoneInfo.Utc };
        await using var app = HttpServer.Build(settings, new HttpListenOptions { Port = 0 }, services => services.AddSingleton<IOuraClient>(oura));
        await app.StartAsync();
        var url = new Uri(HttpServer.ListeningUrl(app));
        using var http = new HttpClient();

        var call = http.SendAsync(McpHttp.Post(url, CallPersonalInfo));
        await oura.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopping = app.StopAsync();
        // The server refusing a new connection says the shutdown is under way; the call in flight is still held then.
        await RefusedAsync(url);
        stopping.IsCompleted.Should().BeFalse("the call in flight holds the shutdown until it finishes");
        oura.Cancelled.Task.IsCompleted.Should().BeFalse("the call in flight is not cut off within the bound");
        oura.Release.TrySetResult();

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(30));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await McpHttp.MessageAsync(response)).GetProperty("result");
        result.TryGetProperty("isError", out var isError).Should().BeFalse(because: result.ToString());
        result.ToString().Should().Contain("person@example.com");
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await FluentActions.Awaiting(() => http.SendAsync(McpHttp.Post(url, McpHttp.Ping))).Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_call_that_outlives_the_bound_is_cut_off_and_the_server_still_stops()
    {
        var oura = new GatedOuraClient();
        var settings = new ServerSettings { AccessToken = "test-token", TimeZone = TimeZoneInfo.Utc };
        var listen = new HttpListenOptions { Port = 0, ShutdownTimeout = TimeSpan.FromSeconds(1) };
        await using var app = HttpServer.Build(settings, listen, services => services.AddSingleton<IOuraClient>(oura));
        await app.StartAsync();
        using var http = new HttpClient();

        // The bound is the host's own: the host, not this test's stopwatch, is what enforces it.
        app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(1));
        var call = http.SendAsync(McpHttp.Post(new Uri(HttpServer.ListeningUrl(app)), CallPersonalInfo));
        await oura.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await oura.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await FluentActions.Awaiting(() => call).Should().ThrowAsync<Exception>();
    }

    /// <summary>Waits until a new connection to <paramref name="url"/> is refused: the server has stopped listening.</summary>
    private static async Task RefusedAsync(Uri url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var fresh = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var _ = await fresh.SendAsync(McpHttp.Post(url, McpHttp.Ping));
            }
            catch (HttpRequestException)
            {
                return;
            }
            catch (TaskCanceledException)
            {
                // Accepted but not answered: still draining, ask again.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server still accepted connections 30 s after it was asked to stop.");
            await Task.Delay(10);
        }
    }

    /// <summary>Answers <c>personal_info</c> once released; says when a call came in and when it was cancelled.</summary>
    private sealed class GatedOuraClient : IOuraClient
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public async Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }

            return new PersonalInfo { Id = "person-1", Email = "person@example.com" };
        }
    }
}
