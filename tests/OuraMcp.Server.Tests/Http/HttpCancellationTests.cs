using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Hosting;
using OuraMcp.Hosting;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http;

/// <summary>The HTTP host in process, with a backend that never answers: what a client disconnect does to a call.</summary>
public sealed class HttpCancellationTests
{
    [Fact]
    public async Task A_client_that_disconnects_cancels_the_tool_call_in_flight()
    {
        var oura = new StalledOuraClient();
        var settings = new ServerSettings { AccessToken = "test-token", TimeZone = TimeZoneInfo.Utc };
        await using var app = HttpServer.Build(settings, new HttpListenOptions { Port = 0 }, services => services.AddSingleton<IOuraClient>(oura));
        await app.StartAsync();
        using var http = new HttpClient();
        using var disconnect = new CancellationTokenSource();

        var call = http.SendAsync(
            McpHttp.Post(new Uri(HttpServer.ListeningUrl(app)), """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}"""),
            HttpCompletionOption.ResponseContentRead, disconnect.Token);
        await oura.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await disconnect.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        await oura.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await app.StopAsync();
    }

    /// <summary>Waits until cancelled, and says when a call came in and when it was cancelled.</summary>
    private sealed class StalledOuraClient : IOuraClient
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken)
        {
            await StallAsync(cancellationToken);
            throw new UnreachableException();
        }

        public async Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken)
        {
            await StallAsync(cancellationToken);
            throw new UnreachableException();
        }

        public async Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken)
        {
            await StallAsync(cancellationToken);
            throw new UnreachableException();
        }

        private async Task StallAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }
}
