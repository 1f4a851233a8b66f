using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// AES-256-GCM sealing of token data. Layout: 12-byte nonce, 16-byte tag, ciphertext. The associated data binds a
/// sealed value to where it belongs (the file format, or the account's row), so values cannot be swapped unnoticed.
/// </summary>
internal sealed class TokenCipher(byte[] key)
{
    public const int KeySize = 32;

    /// <summary>What the database stores seal once so that a wrong key is reported at once, not on the first read.</summary>
    public static readonly byte[] KeyCheckPlaintext = Encoding.ASCII.GetBytes("oura-mcp-tokens/v1");

    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the key is wrong or the data was altered.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("Sealed data is too short.");
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }

    /// <summary>Seals one account's token set, bound to the account so that rows cannot be swapped unnoticed.</summary>
    public byte[] SealTokenSet(string account, OuraTokenSet tokens)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(tokens, AccountsJson.Default.OuraTokenSet);
        try { return Seal(plaintext, Encoding.UTF8.GetBytes(account)); }
        finally { CryptographicOperations.ZeroMemory(plaintext); }
    }

    /// <summary>
    /// Opens what <see cref="SealTokenSet"/> sealed. Throws <see cref="CryptographicException"/> for a wrong key or altered
    /// data (each store words that with its own fix), and <see cref="TokenStoreException"/> naming <paramref name="location"/>
    /// when the entry decrypts but is not a token set.
    /// </summary>
    public OuraTokenSet OpenTokenSet(string account, byte[] sealedBytes, string location)
    {
        var plaintext = Open(sealedBytes, Encoding.UTF8.GetBytes(account));
        try
        {
            return JsonSerializer.Deserialize(plaintext, AccountsJson.Default.OuraTokenSet) ?? throw Damaged(null);
        }
        catch (JsonException e)
        {
            throw Damaged(e);
        }
        finally { CryptographicOperations.ZeroMemory(plaintext); }

        TokenStoreException Damaged(Exception? inner) =>
            new($"{location} holds a damaged entry for account '{account}': run `OuraMcp.Server auth login` for it again.", inner);
    }
}
