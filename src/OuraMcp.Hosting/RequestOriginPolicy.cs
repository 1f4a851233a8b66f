using System.Net;

namespace OuraMcp.Hosting;

/// <summary>
/// Which requests may reach the MCP endpoint at all, judged by their <c>Host</c> and <c>Origin</c> headers. A web page
/// can make a browser post to a local server; the spec requires servers to refuse origins they do not trust, and a
/// loopback server to refuse Host names that are not loopback (a DNS-rebinding page sends its own name).
/// </summary>
public sealed class RequestOriginPolicy(HttpListenOptions listen)
{
    // The server's own public origin too: its consent form posts back to it.
    private readonly HashSet<string> _allowedOrigins = new(
        listen.PublicUrl is { } publicUrl ? [.. listen.AllowedOrigins, HttpListenOptions.NormalizeOrigin(publicUrl.GetLeftPart(UriPartial.Authority))!] : listen.AllowedOrigins,
        StringComparer.Ordinal);

    /// <summary>
    /// True when the Host header's name may be served. On loopback only loopback names; on an address chosen with
    /// <c>--bind</c> any name, since the names such a machine answers to are not known here.
    /// </summary>
    public bool IsHostAllowed(string? host) => !listen.IsLoopback || IsLoopbackName(host);

    /// <summary>
    /// True when there is no Origin (clients that are not browsers send none), when it is a loopback origin (a page
    /// this machine serves), or when it was allowed with <c>--allowed-origins</c>. Everything else, "null" included,
    /// is refused.
    /// </summary>
    public bool IsOriginAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin)) return true;
        var normalized = HttpListenOptions.NormalizeOrigin(origin);
        if (normalized is null) return false;
        return IsLoopbackName(new Uri(normalized).Host) || _allowedOrigins.Contains(normalized);
    }

    /// <summary><c>localhost</c> or a loopback address, bracketed or not (<c>[::1]</c>).</summary>
    public static bool IsLoopbackName(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return false;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        // Only literal dotted or colon forms: a bare number such as "2130706433" is a name a page could make resolve
        // anywhere, not an address the browser would treat as loopback.
        return (bare.Contains('.') || bare.Contains(':')) && IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}
