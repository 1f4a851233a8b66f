using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.Accounts.OAuth;

/// <summary>A PKCE (RFC 7636, S256) verifier and its challenge. <see cref="ToString"/> never shows the verifier.</summary>
public sealed record PkcePair(string Verifier, string Challenge)
{
    public const string Method = "S256";

    public static PkcePair Create()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new PkcePair(verifier, ChallengeFor(verifier));
    }

    public static string ChallengeFor(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>An unguessable value for the <c>state</c> parameter.</summary>
    public static string CreateState() => Base64Url(RandomNumberGenerator.GetBytes(24));

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public override string ToString() => $"PkcePair {{ Verifier = [redacted], Challenge = {Challenge}, Method = {Method} }}";
}
