using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Refresh;
using OuraMcp.Accounts.Storage;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Http;

/// <summary>
/// The people who connected through the hosted endpoint: their time zone from the authorization server's database,
/// their Oura tokens from the token store under their id, renewed single-flight like any stored account.
/// </summary>
internal sealed class StoredPeople(IServiceScopeFactory scopes, ITokenStore store, OAuthClient oauth, TokenRefreshCoordinator coordinator,
    TimeProvider time, ILoggerFactory loggers) : IPersonDirectory
{
    public async ValueTask<ConnectedPerson?> FindAsync(string subject, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var database = scope.ServiceProvider.GetRequiredService<OAuthDatabase>();
        var record = await database.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == subject, cancellationToken).ConfigureAwait(false);
        if (record is null) return null;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(record.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var tokens = new StoredTokenProvider(subject, store, oauth, coordinator, time, loggers.CreateLogger<StoredTokenProvider>());
        return new ConnectedPerson(subject, zone, tokens);
    }
}
