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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<OAuthDatabase>().Database;
        if (!database.IsNpgsql())
        {
            await database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // The database is shared with the token store, so "has tables" says nothing of ours: create them unless present.
        try
        {
            await database.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateTable)
        {
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
