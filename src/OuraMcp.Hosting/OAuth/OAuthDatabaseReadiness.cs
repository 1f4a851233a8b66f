using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OuraMcp.Hosting.OAuth;

/// <summary>For <c>/readyz</c>: the authorization server can serve only while its database answers.</summary>
internal sealed class OAuthDatabaseReadiness(IServiceScopeFactory scopes, OAuthStorage storage) : IHealthCheck
{
    // Every SQLite database file begins with these 16 bytes.
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var database = scope.ServiceProvider.GetRequiredService<OAuthDatabase>();
        try
        {
            // Pooled connections keep the file open and read recent pages from the write-ahead log, so a file that was
            // removed or overwritten would go unnoticed by a query alone until the pool let go: look at the file too.
            if (database.Database.IsSqlite() && !await IsSqliteFileAsync(storage.DatabasePath, cancellationToken).ConfigureAwait(false))
                return HealthCheckResult.Unhealthy("The authorization server's database file is missing or is not a SQLite database.");

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

    private static async Task<bool> IsSqliteFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return false;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (file.ConfigureAwait(false))
        {
            var header = new byte[SqliteHeader.Length];
            var read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
        }
    }
}
