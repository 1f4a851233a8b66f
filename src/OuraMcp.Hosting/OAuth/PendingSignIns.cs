using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// Sign-ins sent to the provider and not yet back, by their <c>state</c>: each can be completed once, within ten
/// minutes. Kept in this process (a callback must reach the instance that sent the person away).
/// </summary>
internal sealed class PendingSignIns(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, PendingSignIn> _pending = new(StringComparer.Ordinal);

    public PendingSignIns() : this(TimeProvider.System) { }

    /// <summary>A new <c>state</c>: unguessable, and named by nothing else.</summary>
    public static string NewState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public void Add(string state, string? authorizeQuery, string verifier, string timeZone)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _pending)
        {
            if (old.ExpiresAt <= now) _pending.TryRemove(key, out _);
        }

        _pending[state] = new PendingSignIn(authorizeQuery, verifier, timeZone, now + Lifetime);
    }

    /// <summary>Takes the sign-in <paramref name="state"/> names, so that no second callback can complete it.</summary>
    public PendingSignIn? Take(string? state) =>
        state is not null && _pending.TryRemove(state, out var pending) && pending.ExpiresAt > time.GetUtcNow() ? pending : null;

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// One sign-in on its way through the provider: the MCP client's authorize request to resume (null: begun on the
/// account page, which it signs in to instead), and what the person chose.
/// </summary>
internal sealed record PendingSignIn(string? AuthorizeQuery, string Verifier, string TimeZone, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"PendingSignIn {{ TimeZone = {TimeZone}, ExpiresAt = {ExpiresAt:O} }}";
}
