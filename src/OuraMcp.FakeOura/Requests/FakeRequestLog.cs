using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.FakeOura;

/// <summary>
/// One request the fake received, as a client sent it. Raw tokens and secrets are never kept: only a fingerprint.
/// </summary>
/// <param name="At">When it arrived, by the fake's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The decoded path, without the query.</param>
/// <param name="Query">Query parameters as the server decoded them (a <c>+</c> arrives as a space); repeated names joined with commas.</param>
/// <param name="AuthorizationScheme">The scheme of the <c>Authorization</c> header (e.g. <c>Bearer</c>), null without one.</param>
/// <param name="TokenFingerprint">The first 8 hex characters of SHA-256 of the credential (see <see cref="FakeRequestLog.Fingerprint"/>).</param>
/// <param name="Status">The status answered; 499 when the client gave up before an answer.</param>
public sealed record FakeRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? AuthorizationScheme,
    string? TokenFingerprint,
    int Status);

/// <summary>Every Oura request the fake received (control routes under <c>/_fake/</c> are not logged). Thread-safe.</summary>
public sealed class FakeRequestLog
{
    private readonly object _gate = new();
    private readonly List<FakeRequest> _requests = [];

    /// <summary>A snapshot of the requests so far, oldest first.</summary>
    public IReadOnlyList<FakeRequest> All
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>How many requests had a path starting with <paramref name="pathPrefix"/> (all when null).</summary>
    public int Count(string? pathPrefix = null)
    {
        lock (_gate)
            return pathPrefix is null ? _requests.Count : _requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
    }

    public void Clear()
    {
        lock (_gate) _requests.Clear();
    }

    /// <summary>The fingerprint a token is logged under: the first 8 hex characters of its SHA-256, lower case.</summary>
    public static string Fingerprint(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..8];

    internal void Add(FakeRequest request)
    {
        lock (_gate) _requests.Add(request);
    }
}
