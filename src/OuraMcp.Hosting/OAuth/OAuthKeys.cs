using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// The keys the authorization server signs and encrypts its tokens with, kept in the data directory (owner-only), so
/// that tokens survive a restart and every instance sharing the directory accepts them. Made on first start.
/// </summary>
internal static class OAuthKeys
{
    public static RsaSecurityKey Signing(OAuthStorage storage)
    {
        var pem = ReadOrCreate(Path.Combine(storage.DataDirectory, "oauth-signing-key.pem"), () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        var key = RSA.Create();
        key.ImportFromPem(pem);
        return new RsaSecurityKey(key) { KeyId = "oura-mcp-signing" };
    }

    public static SymmetricSecurityKey Encryption(OAuthStorage storage)
    {
        var text = ReadOrCreate(Path.Combine(storage.DataDirectory, "oauth-encryption-key.txt"), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new SymmetricSecurityKey(Convert.FromBase64String(text.Trim())) { KeyId = "oura-mcp-encryption" };
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) return File.ReadAllText(path);
        var content = create();
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, options);
            writer.Write(content);
            return content;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the directory made it first: theirs is the key.
            return File.ReadAllText(path);
        }
    }
}
