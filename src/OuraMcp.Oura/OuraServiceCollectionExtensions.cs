using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;

namespace OuraMcp.Oura;

/// <summary>The one way to put the Oura client into a service collection.</summary>
public static class OuraServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> that carries the Oura pipeline.</summary>
    public const string HttpClientName = "oura";

    /// <summary>
    /// Registers <see cref="IOuraClient"/> and <see cref="IOuraWebhookClient"/> for the user whose
    /// <see cref="Auth.IOuraTokenProvider"/> is registered, every call going through the rate-limit-aware pipeline.
    /// The clients are singletons on purpose: identical requests in flight are shared only within one instance.
    /// </summary>
    /// <param name="services">Where to register.</param>
    /// <param name="configure">Settings beyond the defaults (base address, sandbox, budgets, timeouts).</param>
    /// <param name="primaryHandler">The handler that reaches Oura; null for the network (tests pass the fake's).</param>
    public static IHttpClientBuilder AddOuraClient(
        this IServiceCollection services,
        Action<OuraClientOptions>? configure = null,
        Func<IServiceProvider, HttpMessageHandler>? primaryHandler = null)
    {
        var options = services.AddOptions<OuraClientOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);

        var builder = services.AddHttpClient(HttpClientName).AddOuraPipeline();
        builder.ConfigurePrimaryHttpMessageHandler(sp => primaryHandler?.Invoke(sp) ?? new SocketsHttpHandler
        {
            // A long-lived client still notices DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });
        // The clients hold their HttpClient for the process's life, so the factory must not rotate their handlers away.
        builder.SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // The concrete client too: a server of many people hands each a view of it (OuraClient.For).
        services.TryAddSingleton(sp => new OuraClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<OuraClientOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOuraClient>(sp => sp.GetRequiredService<OuraClient>());
        services.TryAddSingleton<IOuraWebhookClient>(sp => new OuraWebhookClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<OuraClientOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
