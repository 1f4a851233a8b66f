using Microsoft.Extensions.Diagnostics.HealthChecks;
using OuraMcp.Accounts.Storage;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Http;

/// <summary>
/// <c>/readyz</c>: the token store the tools read can be opened and read (a file, SQLite or PostgreSQL). Whether the
/// account is signed in does not matter here: a signed-out server still answers, with a sentence saying how to sign in.
/// The demo person and <c>OURA_ACCESS_TOKEN</c> need no store, so they are always ready.
/// </summary>
internal sealed class TokenStoreReadiness(ServerSettings settings, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Demo || settings.HasCredentials || settings.AccountEnvironment is not { } environment)
        {
            return HealthCheckResult.Healthy("No token store is needed.");
        }

        try
        {
            var store = TokenStores.Create(FileTokenStoreOptions.FromEnvironment(environment), time);
            await store.TryGetAsync(settings.Account, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The token store answers.");
        }
        catch (TokenStoreException e)
        {
            // The store's own sentence names where it is and what is wrong, never a secret.
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
