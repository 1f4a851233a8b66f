using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OuraMcp.FakeOura.Http;

namespace OuraMcp.FakeOura;

/// <summary>
/// Builds the fake Oura application: the one place its routes and middleware are assembled, shared by the
/// in-process (TestServer) and loopback (Kestrel) modes.
/// </summary>
public static class FakeOuraApp
{
    /// <summary>Builds the app from a builder whose server (Kestrel or TestServer) is already chosen.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, FakeOuraOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var state = new FakeOuraState(options);
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var middleware = new FaultsAndLogMiddleware(state, stopping);
        app.Use(middleware.InvokeAsync);

        new DataRoutes(state).Map(app);
        new WebhookRoutes(state).Map(app);
        new ControlRoutes(state).Map(app);
        // FastAPI's answer for a path it does not know.
        app.MapFallback((RequestDelegate)Responses.NotFound);
        return app;
    }

    internal static FakeOuraState State(WebApplication app) => app.Services.GetRequiredService<FakeOuraState>();
}
