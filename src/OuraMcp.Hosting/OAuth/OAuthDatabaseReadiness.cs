using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OuraMcp.Hosting.OAuth;

/// <summary>For <c>/readyz</c>: the authorization server can serve only while its database answers.</summary>
internal sealed class OAuthDatabaseReadiness(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var database = scope.ServiceProvider.GetRequiredService<OAuthDatabase>();
        try
        {
            // A query, not a ping: the tables must be there too.
            await database.People.AnyAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The authorization server's database answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's type only: its message may name the connection.
            return HealthCheckResult.Unhealthy($"The authorization server's database does not answer ({e.GetType().Name}).");
        }
    }
}
