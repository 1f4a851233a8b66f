using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace OuraMcp.Hosting.OAuth;

/// <summary>Creates the authorization server's tables on start when they are not there yet.</summary>
internal sealed class OAuthDatabaseCreation(IServiceScopeFactory scopes) : IHostedService
{
    /// <summary>PostgreSQL's duplicate_table: another instance created them first.</summary>
    private const string DuplicateTable = "42P07";

    /// <summary>PostgreSQL's unique_violation: another instance was creating the same table at the same moment.</summary>
    private const string UniqueViolation = "23505";

    // A database made before sign-ins in progress were kept in it lacks this one table, and both creators below skip
    // a database that has tables: so it is added on its own (the same SQL in SQLite and PostgreSQL).
    private const string PendingSignInsTable =
        "CREATE TABLE IF NOT EXISTS " + OAuthDatabase.PendingSignInsTable + " (state_hash text NOT NULL PRIMARY KEY, " +
        "authorize_query text, sealed_verifier text NOT NULL, time_zone text NOT NULL, expires_at_ms bigint NOT NULL)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var database = scope.ServiceProvider.GetRequiredService<OAuthDatabase>().Database;
        if (!database.IsNpgsql())
        {
            await database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await database.ExecuteSqlRawAsync(PendingSignInsTable, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The database is shared with the token store, so "has tables" says nothing of ours: create them unless present.
        try
        {
            await database.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is DuplicateTable or UniqueViolation)
        {
        }

        try
        {
            await database.ExecuteSqlRawAsync(PendingSignInsTable, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
