using System.Security.Cryptography;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// Where a store's encryption key comes from: <c>OURA_TOKEN_STORE_KEY</c> (base64 of 32 bytes) when set, else a key
/// file beside the store, created owner-only on the first write.
/// </summary>
internal sealed class TokenStoreKey
{
    private readonly byte[]? _explicitKey;
    private byte[]? _fileKey;

    public TokenStoreKey(byte[]? explicitKey, string keyFilePath)
    {
        if (explicitKey is not null && explicitKey.Length != TokenCipher.KeySize)
            throw new TokenStoreException($"{FileTokenStoreOptions.KeyVariable} must be base64 of exactly {TokenCipher.KeySize} bytes (generate one with: openssl rand -base64 32).");
        _explicitKey = explicitKey;
        KeyFilePath = keyFilePath;
    }

    public string KeyFilePath { get; }

    /// <summary>How the key was supplied, for messages that must say which key did not fit.</summary>
    public string Description => _explicitKey is not null ? FileTokenStoreOptions.KeyVariable : $"the key file {KeyFilePath}";

    /// <summary>The key, or null when none exists yet and <paramref name="create"/> is false.</summary>
    public byte[]? Get(bool create)
    {
        if (_explicitKey is not null) return _explicitKey;
        if (_fileKey is not null) return _fileKey;
        OwnerOnly.EnsureOwnFileOrNothing(KeyFilePath, "the token store's key file");
        if (File.Exists(KeyFilePath)) return _fileKey = ReadKeyFile();
        if (!create) return null;

        var key = RandomNumberGenerator.GetBytes(TokenCipher.KeySize);
        var temp = KeyFilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            OwnerOnly.WriteNewFile(temp, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
            // No overwrite: if another writer created the key first, theirs wins and we read it.
            File.Move(temp, KeyFilePath, overwrite: false);
            return _fileKey = key;
        }
        catch (IOException) when (File.Exists(KeyFilePath))
        {
            return _fileKey = ReadKeyFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenStoreException(
                $"Could not create the key file {KeyFilePath} ({e.GetType().Name}). Check that its folder belongs to the user running oura-mcp, or set {FileTokenStoreOptions.KeyVariable}.", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private byte[] ReadKeyFile()
    {
        OwnerOnly.EnsureNotShared(KeyFilePath, "600");
        var text = File.ReadAllText(KeyFilePath).Trim();
        byte[]? key = null;
        try { key = Convert.FromBase64String(text); } catch (FormatException) { }
        if (key is null || key.Length != TokenCipher.KeySize)
            throw new TokenStoreException($"The key file {KeyFilePath} is damaged (it must hold base64 of {TokenCipher.KeySize} bytes): restore it from a backup, or remove it together with the token store and sign in again.");
        return key;
    }

    public static byte[]? ParseVariable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            var key = Convert.FromBase64String(value.Trim());
            if (key.Length == TokenCipher.KeySize) return key;
        }
        catch (FormatException) { }
        throw new TokenStoreException($"{FileTokenStoreOptions.KeyVariable} must be base64 of exactly {TokenCipher.KeySize} bytes (generate one with: openssl rand -base64 32).");
    }
}
