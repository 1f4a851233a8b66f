using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// What a caller of <c>/mcp</c> is told when its token does not do (RFC 6750, RFC 9728, MCP authorization): no token or a
/// bad one gets 401 with where the resource's metadata is and the scope to ask for; a valid token without the scope
/// gets 403 <c>insufficient_scope</c> naming it (step-up).
/// </summary>
internal sealed class BearerChallenge(OAuthSite site) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !context.Request.Path.StartsWithSegments(HttpListenOptions.Route))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        var metadata = $"resource_metadata=\"{site.ResourceMetadataUrl.AbsoluteUri}\", scope=\"{AuthorizationServer.ReadScope}\"";
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            await InsufficientScopeAsync(context, site, AuthorizationServer.ReadScope,
                $"Forbidden: this token lacks the scope '{AuthorizationServer.ReadScope}'; authorize again asking for it.").ConfigureAwait(false);
            return;
        }

        var presented = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, presented ? $"Bearer error=\"invalid_token\", {metadata}" : $"Bearer {metadata}");
        await JsonRpcRefusal.WriteAsync(context, StatusCodes.Status401Unauthorized,
            presented
                ? "Unauthorized: the bearer token is not valid here (expired, revoked, or issued for another resource); authorize again."
                : "Unauthorized: authorize with this server (OAuth 2.1; see the resource metadata) and send the token as 'Authorization: Bearer <token>'.").ConfigureAwait(false);
    }

    /// <summary>403 <c>insufficient_scope</c> naming what to ask for: the read scope, and <paramref name="scope"/> when it is another.</summary>
    public static Task InsufficientScopeAsync(HttpContext context, OAuthSite site, string scope, string sentence)
    {
        var scopes = scope == AuthorizationServer.ReadScope ? scope : $"{AuthorizationServer.ReadScope} {scope}";
        context.Response.Headers.Append(HeaderNames.WWWAuthenticate,
            $"Bearer error=\"insufficient_scope\", resource_metadata=\"{site.ResourceMetadataUrl.AbsoluteUri}\", scope=\"{scopes}\"");
        return JsonRpcRefusal.WriteAsync(context, StatusCodes.Status403Forbidden, sentence);
    }
}
