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

/// <summary>Writes and reads cursors: base64url of a small JSON object. Opaque to callers, never trusted blindly.</summary>
public static class Cursors
{
    public const string ArgumentName = "cursor";

    public static string Encode(CursorState state) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(state, ServerJsonContext.Default.CursorState));

    /// <summary>Reads a cursor sent to <paramref name="tool"/>; every way it can be wrong is a sentence.</summary>
    public static CursorState Decode(string text, string tool)
    {
        CursorState? state = null;
        try
        {
            state = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text.Trim()), ServerJsonContext.Default.CursorState);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        if (state is null)
        {
            throw new ToolInputException(
                "cursor is not one this server issued. Send the cursor exactly as an earlier answer returned it, or leave it out to start from the beginning.");
        }

        if (state.Tool != tool)
        {
            throw new ToolInputException($"This cursor continues {state.Tool}, not {tool}: call {state.Tool} with it.");
        }

        return state;
    }

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
