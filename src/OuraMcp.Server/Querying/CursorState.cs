using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Querying;

/// <summary>
/// Where a cut answer continues: the tool, the original arguments (and their hash, so a cursor cannot be mixed with
/// other arguments), the resolved range (so "the last 7 days" does not move under a continuation), and the row to
/// resume at: its sort key and how many rows with that key were already sent.
/// </summary>
public sealed record CursorState
{
    public required string Tool { get; init; }

    public required string ArgsHash { get; init; }

    public JsonObject? Args { get; init; }

    public required string Start { get; init; }

    public required string End { get; init; }

    public required string Key { get; init; }

    public int Skip { get; init; }
}

/// <summary>
/// Writes and reads cursors: base64url of a small JSON object, then a dot and an HMAC-SHA256 tag over it and the person
/// it was issued to. The key is random per process unless one is configured (several processes behind one endpoint
/// share it), so a cursor is honoured only by the server that issued it, for the person it was issued to; anything
/// else, forged, altered or from before a restart, is refused with a sentence.
/// </summary>
public sealed class CursorCodec
{
    public const string ArgumentName = "cursor";

    /// <summary>Who a cursor is for when the server serves one person (stdio, the local account).</summary>
    public const string LocalPerson = "local";

    private const int TagBytes = 16;

    private readonly byte[] _key;

    /// <param name="key">The HMAC key: at least 32 bytes; null for a random one for this process.</param>
    public CursorCodec(byte[]? key = null)
    {
        if (key is { Length: < 32 }) throw new ArgumentException("A cursor key needs at least 32 bytes.", nameof(key));
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>A key from configured text (any length): its SHA-256.</summary>
    public static CursorCodec FromSecret(string? secret) =>
        string.IsNullOrEmpty(secret) ? new CursorCodec() : new CursorCodec(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <param name="state">Where the answer continues.</param>
    /// <param name="who">The person the answer was for; the cursor is refused for anyone else.</param>
    public string Encode(CursorState state, string? who = null)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(state, ServerJsonContext.Default.CursorState);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Tag(payload, who));
    }

    /// <summary>Reads a cursor sent to <paramref name="tool"/> by <paramref name="who"/>; every way it can be wrong is a sentence.</summary>
    public CursorState Decode(string text, string tool, string? who = null)
    {
        CursorState? state = null;
        var parts = text.Trim().Split('.');
        try
        {
            if (parts.Length == 2)
            {
                var payload = Base64Url.DecodeFromChars(parts[0]);
                var tag = Base64Url.DecodeFromChars(parts[1]);
                if (CryptographicOperations.FixedTimeEquals(tag, Tag(payload, who)))
                {
                    state = JsonSerializer.Deserialize(payload, ServerJsonContext.Default.CursorState);
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        if (state is null)
        {
            throw new ToolInputException(
                "cursor is not one this server issued to you (cursors end when the server restarts). Send the cursor exactly as an " +
                "earlier answer returned it, or leave it out to start from the beginning.");
        }

        if (state.Tool != tool)
        {
            throw new ToolInputException($"This cursor continues {state.Tool}, not {tool}: call {state.Tool} with it.");
        }

        return state;
    }

    private byte[] Tag(byte[] payload, string? who)
    {
        // The person is bound in with a separator no person id can forge into the payload's first byte ('{').
        var person = Encoding.UTF8.GetBytes((who ?? LocalPerson) + "\n");
        var mac = HMACSHA256.HashData(_key, (byte[])[.. person, .. payload]);
        return mac[..TagBytes];
    }
}

/// <summary>What every cursor needs besides its signature: the query's arguments, canonical.</summary>
public static class Cursors
{
    public const string ArgumentName = CursorCodec.ArgumentName;

    /// <summary>A stable hash of the arguments that define a query (everything but the cursor), independent of member order.</summary>
    public static string HashArguments(IDictionary<string, JsonElement>? arguments)
    {
        var canonical = new StringBuilder();
        foreach (var (name, value) in (arguments ?? new Dictionary<string, JsonElement>()).Where(a => a.Key != ArgumentName).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (value.ValueKind == JsonValueKind.Null) continue;
            canonical.Append(name).Append('=').Append(value.GetRawText()).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..16];
    }

    /// <summary>The query-defining arguments, for a cursor that may later be sent alone.</summary>
    public static JsonObject? ArgumentsWithoutCursor(IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null) return null;
        var copy = new JsonObject();
        foreach (var (name, value) in arguments.Where(a => a.Key != ArgumentName && a.Value.ValueKind != JsonValueKind.Null))
        {
            copy[name] = JsonNode.Parse(value.GetRawText());
        }

        return copy.Count == 0 ? null : copy;
    }
}
