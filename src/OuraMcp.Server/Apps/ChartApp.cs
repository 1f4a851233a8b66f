using ModelContextProtocol.Protocol;

namespace OuraMcp.Server.Apps;

/// <summary>
/// The MCP App (extension <c>io.modelcontextprotocol/ui</c>) that draws chart-capable tools' answers in the chat: one
/// self-contained HTML document (inline script and style, no external loads: hosts' default CSP blocks them), embedded
/// in the server. A tool points at it with <c>_meta.ui.resourceUri</c> (and the older flat <c>ui/resourceUri</c>) through
/// the SDK's <c>[McpMeta]</c>: put <c>[McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue)]</c> and
/// <c>[McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]</c> on the tool. Hosts without the extension ignore both.
/// </summary>
public static class ChartApp
{
    public const string Uri = "ui://oura/chart";

    /// <summary>The MIME type the extension requires of an app's HTML.</summary>
    public const string MimeType = "text/html;profile=mcp-app";

    public const string MetaKey = "ui";

    public const string MetaValue = "{\"resourceUri\":\"" + Uri + "\"}";

    /// <summary>The flat key hosts read before <c>_meta.ui</c> existed.</summary>
    public const string LegacyMetaKey = "ui/resourceUri";

    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(ChartApp).Assembly.GetManifestResourceStream("apps/chart.html")
            ?? throw new InvalidOperationException("The chart app (apps/chart.html) is not embedded in the server.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static Resource Resource { get; } = new()
    {
        Uri = Uri, Name = "chart", Title = "Chart", MimeType = MimeType,
        Description = "An MCP App that draws heart rate, the sleep series (with a hypnogram), daily scores, trends and unusual days from the tool answers that point at it.",
    };

    /// <summary>The app's document: the same for everyone, so any cache may keep it.</summary>
    public static ReadResourceResult Read() => new()
    {
        Contents = [new TextResourceContents { Uri = Uri, MimeType = MimeType, Text = Html.Value }],
        CacheScope = CacheScope.Public,
    };
}
