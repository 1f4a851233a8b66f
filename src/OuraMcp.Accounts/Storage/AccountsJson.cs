using System.Text.Json.Serialization;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>The outer, unencrypted layer of <c>tokens.json</c>: enough to recognise the file and its cipher.</summary>
internal sealed record SealedStoreFile(string Format, int Version, string Cipher, string Data)
{
    public const string FormatName = "oura-mcp-tokens";
    public const int CurrentVersion = 1;
    public const string CipherName = "AES-256-GCM";
}

/// <summary>The decrypted content of a file store: every account's tokens.</summary>
internal sealed record StoreContent(Dictionary<string, OuraTokenSet> Accounts);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(SealedStoreFile))]
[JsonSerializable(typeof(StoreContent))]
[JsonSerializable(typeof(OuraTokenSet))]
internal sealed partial class AccountsJson : JsonSerializerContext;
