using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using OuraMcp.Accounts.OAuth;
using OuraMcp.FakeOura.Auth;

namespace OuraMcp.Accounts.Tests.Support;

/// <summary>The fake authorization server on HTTP: in memory (TestServer), or on a loopback port when a real browser-like client must follow its redirects.</summary>
public sealed class FakeOAuthHost : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-client-secret-0f3c";

    private readonly WebApplication _app;

    private FakeOAuthHost(WebApplication app, FakeOAuthServer server, Uri baseAddress, HttpMessageHandler handler)
    {
        _app = app;
        Server = server;
        BaseAddress = baseAddress;
        Handler = handler;
    }

    public FakeOAuthServer Server { get; }

    public Uri BaseAddress { get; }

    public HttpMessageHandler Handler { get; }

    public static async Task<FakeOAuthHost> StartAsync(TimeProvider time, bool onLoopbackPort = false, bool newPortalApp = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (onLoopbackPort) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        var app = builder.Build();
        var server = new FakeOAuthServer(time);
        server.RegisterClient(ClientId, ClientSecret, newPortalApp);
        app.MapFakeOAuth(server);
        await app.StartAsync();
        if (onLoopbackPort)
            return new FakeOAuthHost(app, server, new Uri(app.Urls.First()), new SocketsHttpHandler { AllowAutoRedirect = false });
        return new FakeOAuthHost(app, server, new Uri("http://fake-oura.test"), app.GetTestServer().CreateHandler());
    }

    public OuraOAuthOptions Options(string clientSecret = ClientSecret) => new()
    {
        ClientId = ClientId,
        ClientSecret = clientSecret,
        AuthorizeEndpoint = new Uri(BaseAddress, FakeOAuthServer.AuthorizePath),
        LegacyTokenEndpoint = new Uri(BaseAddress, FakeOAuthServer.LegacyTokenPath),
        NewPortalTokenEndpoint = new Uri(BaseAddress, FakeOAuthServer.NewPortalTokenPath),
    };

    public OAuthClient CreateOAuthClient(TimeProvider time, ILogger<OAuthClient>? logger = null, OuraOAuthOptions? options = null) =>
        new(new HttpClient(Handler, disposeHandler: false), options ?? Options(), time, logger);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
