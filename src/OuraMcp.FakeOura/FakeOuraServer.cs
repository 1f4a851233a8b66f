using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OuraMcp.FakeOura.Auth;
using OuraMcp.FakeOura.Http;
using OuraMcp.FakeOura.Webhooks;
using OuraMcp.Oura.Catalog;
using System.Text.Json.Nodes;

namespace OuraMcp.FakeOura;

/// <summary>
/// A running fake Oura: in-process (no socket) or on a loopback port. Every test and the server's demo mode run against it.
/// </summary>
public sealed class FakeOuraServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeOuraState _state;
    private readonly TestServer? _testServer;

    private FakeOuraServer(WebApplication app, Uri baseAddress, TestServer? testServer)
    {
        _app = app;
        _state = FakeOuraApp.State(app);
        OAuth = FakeOuraApp.OAuth(app);
        _testServer = testServer;
        BaseAddress = baseAddress;
    }

    /// <summary>Where to send requests, ending in a slash (e.g. <c>http://127.0.0.1:5055/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Misbehaviour on request.</summary>
    public FakeFaults Faults => _state.Faults;

    /// <summary>What was received.</summary>
    public FakeRequestLog Requests => _state.Requests;

    public FakeOuraOptions Options => _state.Options;

    /// <summary>
    /// The OAuth2 authorization server at <c>/oauth/authorize</c>, <c>/oauth/token</c> and
    /// <c>/oauth/v2/ext/oauth-token</c>, with the options' app registered; the tokens it issues read data here.
    /// </summary>
    public FakeOAuthServer OAuth { get; }

    /// <summary>Starts Kestrel on 127.0.0.1 (port 0 = any free port).</summary>
    public static Task<FakeOuraServer> StartAsync(FakeOuraOptions options, int port = 0, CancellationToken ct = default) =>
        StartAsync(options, port, configure: null, ct);

    internal static async Task<FakeOuraServer> StartAsync(FakeOuraOptions options, int port, Action<WebApplicationBuilder>? configure, CancellationToken ct)
    {
        var builder = CreateBuilder(configure);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = FakeOuraApp.Build(builder, options);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new FakeOuraServer(app, new Uri(address.TrimEnd('/') + "/"), testServer: null);
    }

    /// <summary>An in-process server on <see cref="TestServer"/>: no socket; talk to it through <see cref="CreateHandler"/>.</summary>
    public static FakeOuraServer CreateInProcess(FakeOuraOptions options)
    {
        var builder = CreateBuilder(configure: null);
        builder.WebHost.UseTestServer();
        var app = FakeOuraApp.Build(builder, options);
        app.Start();
        var testServer = app.GetTestServer();
        return new FakeOuraServer(app, testServer.BaseAddress, testServer);
    }

    /// <summary>In-process: the TestServer's handler; on a port: a plain <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler CreateHandler() => _testServer?.CreateHandler() ?? new SocketsHttpHandler();

    /// <summary>Lets another bearer token in from now on (e.g. one issued by an OAuth flow).</summary>
    public void AddAccount(FakeAccount account) => _state.AddAccount(account);

    /// <summary>The token answers 401 from now on. False when no account has it.</summary>
    public bool Revoke(string accessToken) => _state.Revoke(accessToken);

    /// <summary>The token counts as expired from now on (401). False when no account has it.</summary>
    public bool Expire(string accessToken) => _state.Expire(accessToken);

    /// <summary>
    /// Changes members of one of a person's documents (dotted paths reach into nested objects), as Oura revises a day,
    /// and sends the <c>update</c> event to every matching webhook subscription, misbehaving as <paramref name="delivery"/> asks.
    /// </summary>
    /// <returns>Every POST made to a callback and its answer.</returns>
    public Task<IReadOnlyList<FakeDeliveryAttempt>> ChangeDocumentAsync(string personId, OuraCollection collection, string documentId, JsonObject set,
        FakeDeliveryOptions? delivery = null, CancellationToken cancellationToken = default) =>
        _state.Changes.ChangeAsync(personId, collection, documentId, set ?? throw new ArgumentNullException(nameof(set)), delivery ?? new(), cancellationToken);

    /// <summary>Deletes one of a person's documents and sends the <c>delete</c> event to every matching subscription.</summary>
    public Task<IReadOnlyList<FakeDeliveryAttempt>> DeleteDocumentAsync(string personId, OuraCollection collection, string documentId,
        FakeDeliveryOptions? delivery = null, CancellationToken cancellationToken = default) =>
        _state.Changes.ChangeAsync(personId, collection, documentId, set: null, delivery ?? new(), cancellationToken);

    /// <summary>Completes when the host is asked to stop (Ctrl+C in the standalone program).</summary>
    internal Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplicationBuilder CreateBuilder(Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeOuraServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (configure is null)
        {
            // Embedded in a test or another host: leave Ctrl+C and SIGTERM to that process.
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
        else
        {
            configure(builder);
        }
        return builder;
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
