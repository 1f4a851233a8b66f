using Microsoft.AspNetCore.Builder;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// A public URL with a path (<c>--public-url https://example.org/oura</c>): every URL the server hands out carries the
/// path (<see cref="OAuthSite"/>), and requests are served whether the proxy in front passes the path on
/// (<c>/oura/mcp</c>) or strips it (<c>/mcp</c>).
/// </summary>
internal static class PublicUrlPath
{
    public static void UsePublicUrlPath(this WebApplication app, HttpListenOptions listen)
    {
        if (listen.PublicUrl?.AbsolutePath.TrimEnd('/') is { Length: > 0 } path) app.UsePathBase(path);
    }
}
