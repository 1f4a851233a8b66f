using Microsoft.EntityFrameworkCore;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// The authorization server's database: OpenIddict's applications, authorizations, scopes and tokens, and the people
/// who connected (their time zone), and the sign-ins on their way through the provider. One SQLite file in the data
/// directory, or the token store's PostgreSQL.
/// </summary>
public sealed class OAuthDatabase(DbContextOptions<OAuthDatabase> options) : DbContext(options)
{
    public const string PendingSignInsTable = "oura_mcp_pending_sign_ins";

    public DbSet<ConnectedPersonRecord> People => Set<ConnectedPersonRecord>();

    public DbSet<PendingSignInRecord> PendingSignIns => Set<PendingSignInRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<ConnectedPersonRecord>().HasKey(p => p.Id);
        modelBuilder.Entity<PendingSignInRecord>(pending =>
        {
            pending.ToTable(PendingSignInsTable);
            pending.HasKey(p => p.StateHash);
            pending.Property(p => p.StateHash).HasColumnName("state_hash");
            pending.Property(p => p.AuthorizeQuery).HasColumnName("authorize_query");
            pending.Property(p => p.SealedVerifier).HasColumnName("sealed_verifier");
            pending.Property(p => p.TimeZone).HasColumnName("time_zone");
            pending.Property(p => p.ExpiresAtMs).HasColumnName("expires_at_ms");
        });
    }
}

/// <summary>A person who signed in through the provider: the id their tokens are stored under, and their time zone.</summary>
public sealed class ConnectedPersonRecord
{
    public required string Id { get; set; }

    /// <summary>An IANA zone id, as the person's browser reported it on the consent page.</summary>
    public required string TimeZone { get; set; }

    /// <summary>
    /// When this row was made (the first connection since the person last deleted their data): the account page's
    /// sessions are bound to it, so a session of deleted data never opens a later connection's page.
    /// </summary>
    public DateTimeOffset ConnectedAt { get; set; }
}
