using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OuraMcp.Hosting.OAuth;

/// <summary>Tools that need a scope beyond the read scope (the app administration tools need <see cref="AuthorizationServer.AdminScope"/>).</summary>
public interface IScopedTools
{
    /// <summary>The scope <paramref name="toolName"/> needs beyond the read scope, or null when the read scope does.</summary>
    string? ScopeFor(string toolName);
}

/// <summary>Who may hold the admin scope: asked when a client asks for it, before the token is issued.</summary>
public interface IAdminPeople
{
    ValueTask<bool> IsAdminAsync(string personId, CancellationToken cancellationToken);
}

/// <summary>
/// Step-up for single tools: a <c>tools/call</c> of a tool that needs a scope the caller's token lacks is answered at the
/// HTTP level with 403 <c>insufficient_scope</c> naming it (<see cref="BearerChallenge"/>), as the MCP authorization
/// spec has it, before the MCP server sees the call. The body is read once and rewound for the transport.
/// </summary>
public static class ScopedToolCalls
{
    public static IApplicationBuilder UseScopedToolCalls(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(HttpListenOptions.Route)
            && context.User.Identity?.IsAuthenticated == true && context.RequestServices.GetService<IScopedTools>() is { } tools)
        {
            context.Request.EnableBuffering();
            var missing = await MissingScopeAsync(context, tools).ConfigureAwait(false);
            context.Request.Body.Position = 0;
            if (missing is not null)
            {
                await BearerChallenge.InsufficientScopeAsync(context, context.RequestServices.GetRequiredService<OAuthSite>(), missing,
                    $"Forbidden: this tool needs the scope '{missing}', which this token lacks; it is granted only to the server's administrators.").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    });

    private static async Task<string?> MissingScopeAsync(HttpContext context, IScopedTools tools)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null; // the transport answers malformed bodies itself
        }

        using (document)
        {
            var messages = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            foreach (var message in messages)
            {
                if (message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String && method.GetString() == "tools/call"
                    && message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && tools.ScopeFor(name.GetString()!) is { } scope && !AuthorizationServer.HasScope(context.User, scope))
                {
                    return scope;
                }
            }
        }

        return null;
    }
}
