using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OuraMcp.Testing.Otlp;

/// <summary>
/// A collector's OTLP/HTTP endpoint on loopback (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>): keeps each
/// protobuf body as it arrived and answers an empty export response, as a collector does.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.UseRouting();
        app.MapPost("/v1/{signal}", async (HttpContext http, string signal) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue(("/v1/" + signal, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>The bodies received at <paramref name="path"/> (e.g. <c>/v1/traces</c>), in order.</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

    /// <summary>Every path something was sent to.</summary>
    public IReadOnlyList<string> Paths => _received.Select(r => r.Path).Distinct().ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
