using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.Oura.Webhooks;

/// <summary>
/// Oura's webhook signature: HMAC-SHA256 keyed with the app's client secret over the <c>x-oura-timestamp</c> value
/// followed by the raw body, sent as upper-case hex in <c>x-oura-signature</c>.
/// </summary>
public static class OuraWebhookSignature
{
    public const string SignatureHeader = "x-oura-signature";

    public const string TimestampHeader = "x-oura-timestamp";

    public static string Compute(string clientSecret, string timestamp, ReadOnlySpan<byte> body) =>
        Convert.ToHexString(Mac(clientSecret, timestamp, body));

    /// <summary>Whether <paramref name="signature"/> is the body's, compared in constant time.</summary>
    public static bool IsValid(string clientSecret, string timestamp, ReadOnlySpan<byte> body, string? signature)
    {
        byte[] sent;
        try
        {
            sent = Convert.FromHexString(signature ?? "");
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(sent, Mac(clientSecret, timestamp, body));
    }

    /// <summary>Whether two secrets are equal, in time that says nothing of where they differ or how long they are.</summary>
    public static bool SecretEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static byte[] Mac(string clientSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), message);
    }
}
