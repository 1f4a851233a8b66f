using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;

namespace OuraMcp.Oura.Http;

/// <summary>Wires the Oura HTTP pipeline into an <see cref="IHttpClientBuilder"/>.</summary>
public static class OuraHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="OuraAuthenticationHandler"/> (outermost, so a resend with a refreshed token passes the budget,
    /// retries and breaker again) and <see cref="OuraResilienceHandler"/> beneath it, and registers the process-wide
    /// <see cref="OuraRateBudget"/> (its application bucket shared when an <see cref="ISharedApplicationBudget"/> is
    /// registered) and <see cref="TimeProvider.System"/> unless already registered.
    /// Settings come from <see cref="IOptions{OuraClientOptions}"/>. <see cref="HttpClient.Timeout"/> is made infinite:
    /// the pipeline's deadline (<see cref="OuraClientOptions.OverallTimeout"/>) covers the request and reports it as
    /// Oura being unavailable, where HttpClient's own would surface as a bare cancellation.
    /// </summary>
    public static IHttpClientBuilder AddOuraPipeline(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OuraClientOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OuraRateBudget(sp.GetRequiredService<IOptions<OuraClientOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ISharedApplicationBudget>()));

        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        // Handlers are built in their own scope and reused for minutes across callers: a per-user provider must come
        // with each request (OuraRequestOptions.TokenProvider); the registered one, if any, is the single-user default.
        builder.AddHttpMessageHandler(sp => new OuraAuthenticationHandler(
            sp.GetService<IOuraTokenProvider>() ?? new StaticTokenProvider(null),
            sp.GetService<ILogger<OuraAuthenticationHandler>>()));
        builder.AddHttpMessageHandler(sp => new OuraResilienceHandler(
            sp.GetRequiredService<IOptions<OuraClientOptions>>().Value,
            sp.GetRequiredService<OuraRateBudget>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OuraResilienceHandler>>()));
        return builder;
    }
}
