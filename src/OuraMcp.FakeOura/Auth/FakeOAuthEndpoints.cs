using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OuraMcp.FakeOura.Auth;

/// <summary>
/// Oura's OAuth2 routes on the fake: authorize (auto-consent; a <c>login_hint</c> says which fake person signs in, as a
/// person would by typing their own credentials at Oura), and both token paths.
/// </summary>
public static class FakeOAuthEndpoints
{
    public static IEndpointRouteBuilder MapFakeOAuth(this IEndpointRouteBuilder app, FakeOAuthServer server)
    {
        // RequestDelegate handlers, not minimal-API delegates: those are compiled by reflection when routing first builds
        // its endpoints, which a Native AOT build cannot do, and demo mode runs this app in process.
        app.MapGet(FakeOAuthServer.AuthorizePath, context =>
        {
            var q = context.Request.Query;
            var outcome = server.Authorize(new FakeOAuthServer.AuthorizeRequest(
                q["client_id"], q["redirect_uri"], q["response_type"], q["scope"], q["state"], q["code_challenge"], q["code_challenge_method"], q["login_hint"]));
            var result = outcome.Redirect is { } redirect
                ? Results.Redirect(redirect.ToString())
                : Results.Content($"<!doctype html><title>Authorization error</title><p>{WebUtility.HtmlEncode(outcome.ErrorPage)}</p>", "text/html", statusCode: 400);
            return result.ExecuteAsync(context);
        });
        app.MapPost(FakeOAuthServer.LegacyTokenPath, async context =>
            await (await TokenAsync(server, context.Request, legacyPath: true, context.RequestAborted).ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false));
        app.MapPost(FakeOAuthServer.NewPortalTokenPath, async context =>
            await (await TokenAsync(server, context.Request, legacyPath: false, context.RequestAborted).ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false));
        return app;
    }

    private static async Task<IResult> TokenAsync(FakeOAuthServer server, HttpRequest request, bool legacyPath, CancellationToken cancellationToken)
    {
        // Oura's token endpoint takes form-encoded bodies only.
        if (!request.HasFormContentType) return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_request" }, statusCode: 400);
        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var result = await server.TokenAsync(legacyPath, fields, cancellationToken).ConfigureAwait(false);
        return Results.Json(result.Body, statusCode: result.Status);
    }
}
