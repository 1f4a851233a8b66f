using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// Sign-ins sent to the provider and not yet back, by their <c>state</c>: each can be completed once, within ten
/// minutes. Kept in the authorization server's database, so that the provider's callback may reach any instance, not
/// only the one that sent the person away.
/// </summary>
internal sealed class PendingSignIns(OAuthDatabase database, IDataProtectionProvider protection, TimeProvider time)
{
    private const string VerifierPurpose = "OuraMcp.Hosting.OAuth.PendingSignIn.Verifier";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>A new <c>state</c>: unguessable, and named by nothing else.</summary>
    public static string NewState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public async Task AddAsync(string state, string? authorizeQuery, string verifier, string timeZone, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await database.PendingSignIns.Where(p => p.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        database.PendingSignIns.Add(new PendingSignInRecord
        {
            // The row names its sign-in by a hash and keeps the verifier sealed: reading the table completes no sign-in.
            StateHash = Hash(state),
            AuthorizeQuery = authorizeQuery,
            SealedVerifier = protection.CreateProtector(VerifierPurpose).Protect(verifier),
            TimeZone = timeZone,
            ExpiresAtMs = now + (long)Lifetime.TotalMilliseconds,
        });
        await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the sign-in <paramref name="state"/> names, so that no second callback (on this instance or another) can
    /// complete it: of two callers racing for one row, only the one whose delete removed it gets it.
    /// </summary>
    public async Task<PendingSignIn?> TakeAsync(string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state)) return null;
        var hash = Hash(state);
        var row = await database.PendingSignIns.AsNoTracking().FirstOrDefaultAsync(p => p.StateHash == hash, cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        var taken = await database.PendingSignIns.Where(p => p.StateHash == hash).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs);
        if (taken != 1 || expiresAt <= time.GetUtcNow()) return null;
        try
        {
            var verifier = protection.CreateProtector(VerifierPurpose).Unprotect(row.SealedVerifier);
            return new PendingSignIn(row.AuthorizeQuery, verifier, row.TimeZone, expiresAt);
        }
        catch (CryptographicException)
        {
            // Sealed with keys this instance does not share: the sign-in cannot be finished here, as if it had expired.
            return null;
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string state) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}

/// <summary>
/// One sign-in on its way through the provider: the MCP client's authorize request to resume (null: begun on the
/// account page, which it signs in to instead), and what the person chose.
/// </summary>
internal sealed record PendingSignIn(string? AuthorizeQuery, string Verifier, string TimeZone, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"PendingSignIn {{ TimeZone = {TimeZone}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>A row of <see cref="PendingSignIns"/>.</summary>
public sealed class PendingSignInRecord
{
    /// <summary>SHA-256 of the <c>state</c> (base64url), never the state itself.</summary>
    public required string StateHash { get; set; }

    /// <summary>The MCP client's authorize request (its query string), resumed once the person is back.</summary>
    public string? AuthorizeQuery { get; set; }

    /// <summary>The PKCE verifier for the provider's code, sealed with the server's data-protection keys.</summary>
    public required string SealedVerifier { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>Unix milliseconds: compared in SQL the same way by SQLite and PostgreSQL.</summary>
    public long ExpiresAtMs { get; set; }
}
