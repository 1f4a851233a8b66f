using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.FakeOura.Http;

/// <summary>
/// Opaque <c>next_token</c>s: base64url of "offset.queryhash". The hash binds a token to the query that produced it,
/// so a token replayed with other filters is refused (400) rather than silently paging the wrong result.
/// </summary>
internal static class PageToken
{
    /// <summary>A short hash of the normalised query (who asks, which route, which filters).</summary>
    public static string QueryHash(string canonicalQuery) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalQuery)))[..16];

    public static string Create(int offset, string queryHash) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}.{queryHash}")));

    /// <summary>The offset the token points at, or null when it is malformed or was issued for another query.</summary>
    public static int? Read(string token, string queryHash)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || text[(dot + 1)..] != queryHash) return null;
            return int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
