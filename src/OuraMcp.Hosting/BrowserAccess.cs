using Microsoft.Extensions.DependencyInjection;

namespace OuraMcp.Hosting;

/// <summary>
/// CORS for browser clients on an allowed origin (loopback pages and <c>--allowed-origins</c>): the preflight is
/// answered, and the MCP headers may be sent and read. Which origins may call at all is decided once, by
/// <see cref="RequestOriginPolicy"/>; other origins were refused with 403 before CORS runs.
/// </summary>
internal static class BrowserAccess
{
    /// <summary>Headers a client sends: the transport's, the 2026-07-28 per-request ones, and the bearer.</summary>
    private static readonly string[] RequestHeaders =
        ["Content-Type", "Accept", "Authorization", "Mcp-Session-Id", "MCP-Protocol-Version", "Mcp-Method", "Mcp-Name", "Last-Event-ID"];

    /// <summary>Headers a page must be able to read: the session and version, the auth challenge, the rate limit's wait.</summary>
    private static readonly string[] ResponseHeaders = ["Mcp-Session-Id", "MCP-Protocol-Version", "WWW-Authenticate", "Retry-After"];

    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, RequestOriginPolicy origins) =>
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(origins.IsOriginAllowed)
            // GET and DELETE are answered 405 (stateless); allowed here so that a page sees that answer, not a CORS error.
            .WithMethods("POST", "GET", "DELETE")
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ResponseHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
}
