using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OuraMcp.Hosting;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Http;

/// <summary>
/// Instances behind one public URL share the token store's PostgreSQL: there, changes to people's histories are announced
/// through it (<see cref="PostgresHistoryChanges"/>), so that every instance tells its own listeners. Elsewhere the
/// process's own subscribers are all there are (<see cref="LocalHistoryChanges"/>, the default).
/// </summary>
internal static class ResourceUpdatesAcrossInstances
{
    public static IServiceCollection AddResourceUpdatesAcrossInstances(this IServiceCollection services, HttpListenOptions listen)
    {
        if (listen.OAuthPostgres is not { } postgres) return services;
        services.AddSingleton(sp => new PostgresHistoryChanges(postgres, sp.GetRequiredService<ResourceSubscriptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresHistoryChanges>>()));
        services.TryAddSingleton<IHistoryChanges>(sp => sp.GetRequiredService<PostgresHistoryChanges>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresHistoryChanges>());
        return services;
    }
}
