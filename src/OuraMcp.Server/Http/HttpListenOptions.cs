using System.Net;
using OuraMcp.Server.Cli;

namespace OuraMcp.Server.Http;

/// <summary>
/// Where and for whom the HTTP mode listens: the address and port, and the browser origins allowed besides loopback
/// ones. Loopback by default: there is no authorization yet, so anything else must be asked for explicitly.
/// </summary>
public sealed record HttpListenOptions
{
    public const int DefaultPort = 8787;

    /// <summary>The TCP port; 0 lets the system pick a free one (the bound URL is printed when listening).</summary>
    public int Port { get; init; } = DefaultPort;

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>Origins (scheme://host[:port], normalized) a browser page may call from, besides loopback ones.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Only this machine can reach the server; the Host header must then name loopback (DNS rebinding).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Bind);

    /// <summary>Builds the options from the command line's raw values; wrong values are usage errors.</summary>
    public static HttpListenOptions Parse(string? port, string? bind, IReadOnlyList<string> allowedOrigins) => new()
    {
        Port = ParsePort(port),
        Bind = ParseBind(bind),
        AllowedOrigins = allowedOrigins.Select(ParseOrigin).Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>The origin as browsers send it: lower-case scheme and host, the port only when not the default.</summary>
    public static string? NormalizeOrigin(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static int ParsePort(string? text)
    {
        if (text is null) return DefaultPort;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65_535) return port;
        throw new UsageException($"--port takes a TCP port (0 to 65535), not '{text}'.");
    }

    private static IPAddress ParseBind(string? text)
    {
        if (text is null) return IPAddress.Loopback;
        if (string.Equals(text.Trim(), "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(text.Trim().Trim('[', ']'), out var address)) return address;
        throw new UsageException($"--bind takes an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not '{text}'.");
    }

    private static string ParseOrigin(string text) =>
        NormalizeOrigin(text) ?? throw new UsageException($"--allowed-origins takes origins such as https://app.example or http://host:3000, not '{text}'.");
}
