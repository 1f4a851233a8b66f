using System.Net;

namespace OuraMcp.Hosting;

/// <summary>Who may call <c>/mcp</c>: <c>--auth</c> (env <c>OURA_MCP_AUTH</c>).</summary>
public enum EndpointAuth
{
    /// <summary>No authorization: loopback only, for one person on their own machine.</summary>
    None,

    /// <summary>One shared secret (<c>OURA_MCP_API_KEY</c>) as the bearer: one person self-hosting.</summary>
    ApiKey,

    /// <summary>OAuth 2.1 for MCP clients, each person signed in to Oura separately.</summary>
    OAuth,
}

/// <summary>
/// Where and for whom the HTTP mode listens: the address and port, the browser origins allowed besides loopback ones,
/// and how callers of <c>/mcp</c> are authorized. Loopback and no authorization by default. A class, not a record, so
/// that no generated <c>ToString</c> can ever print the API key.
/// </summary>
public sealed class HttpListenOptions
{
    public const int DefaultPort = 8787;

    /// <summary>The MCP endpoint's path.</summary>
    public const string Route = "/mcp";

    /// <summary>The TCP port; 0 lets the system pick a free one (the bound URL is printed when listening).</summary>
    public int Port { get; init; } = DefaultPort;

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>Origins (scheme://host[:port], normalized) a browser page may call from, besides loopback ones.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public EndpointAuth Auth { get; init; } = EndpointAuth.None;

    /// <summary>The bearer <c>/mcp</c> requires with <see cref="EndpointAuth.ApiKey"/>. Never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The external base URL (<c>--public-url</c>) that OAuth's issuer and redirect URIs are built from.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>With <see cref="EndpointAuth.OAuth"/>: where the authorization server keeps its database and keys.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// With <see cref="EndpointAuth.OAuth"/>: a PostgreSQL connection string for the authorization server's stores (the
    /// token store's, when that is PostgreSQL), so that instances share them; null for SQLite in the data directory. Never logged.
    /// </summary>
    public string? OAuthPostgres { get; init; }

    /// <summary>How long an access token the authorization server issues is valid (<c>OURA_MCP_ACCESS_TOKEN_SECONDS</c>).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to <c>/mcp</c> one caller may make per minute before 429 (<c>OURA_MCP_RATE_LIMIT</c>).</summary>
    public int RequestsPerMinute { get; init; } = 120;

    /// <summary>How long calls in flight may take to finish once SIGTERM arrives, before they are cut off.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The standard <c>OTEL_*</c> variables that were set (see <see cref="Telemetry.OpenTelemetryExport"/>); traces and
    /// metrics go out over OTLP when they name an endpoint. Never logged: the headers may hold a collector's key.
    /// </summary>
    public IReadOnlyDictionary<string, string> Telemetry { get; init; } = new Dictionary<string, string>();

    /// <summary>Only this machine can reach the server; the Host header must then name loopback (DNS rebinding).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Bind);

    /// <summary>The origin as browsers send it: lower-case scheme and host, the port only when not the default.</summary>
    public static string? NormalizeOrigin(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
