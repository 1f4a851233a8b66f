using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using OuraMcp.Hosting.OAuth.Account;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// The pages and endpoints around OpenIddict's: the authorize endpoint's decision (our consent page, then the
/// provider's sign-in, then the code), the consent form, the provider's callback, client registration, and the
/// protected-resource metadata.
/// </summary>
internal static partial class AuthorizationEndpoints
{
    public const string ConsentPath = "/oauth/consent";
    public const string CallbackPath = "/oauth/oura/callback";

    private const string ConsentCookie = "__Host-oura-mcp-consent";
    internal const string StateCookie = "__Host-oura-mcp-state";
    private const string SignInCookie = "__Host-oura-mcp-signin";
    private const string SignInPurpose = "OuraMcp.Hosting.OAuth.SignIn";
    internal static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Registers client metadata documents before OpenIddict looks the client up (it runs in UseAuthentication).</summary>
    public static IApplicationBuilder UseClientMetadataDocuments(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (path.Equals(AuthorizationServer.AuthorizePath) || path.Equals(AuthorizationServer.TokenPath) || path.Equals(AuthorizationServer.RevokePath))
        {
            var clientId = HttpMethods.IsGet(context.Request.Method)
                ? context.Request.Query["client_id"].ToString()
                : context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["client_id"].ToString() : null;
            if (ClientMetadataDocuments.IsDocumentUrl(clientId))
            {
                var services = context.RequestServices;
                var problem = await services.GetRequiredService<ClientMetadataDocuments>()
                    .EnsureRegisteredAsync(clientId!, services.GetRequiredService<IOpenIddictApplicationManager>(), context.RequestAborted).ConfigureAwait(false);
                if (problem is not null)
                {
                    LogMetadataRefused(Logger(context), problem);
                    await Results.Json(new Dictionary<string, string> { ["error"] = Errors.InvalidClient, ["error_description"] = problem }, statusCode: StatusCodes.Status400BadRequest)
                        .ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }
            }
        }

        await next(context).ConfigureAwait(false);
    });

    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAccountPage();
        app.MapGet(OAuthSite.ResourceMetadataPath + HttpListenOptions.Route, ResourceMetadata);
        app.MapGet(OAuthSite.ResourceMetadataPath, ResourceMetadata);
        app.MapMethods(AuthorizationServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapPost(ConsentPath, ConsentAsync);
        app.MapGet(CallbackPath, CallbackAsync);
        app.MapPost(AuthorizationServer.RegisterPath, ClientRegistration.RegisterAsync).RequireRateLimiting(CallerRateLimit.Policy);
    }

    private static IResult ResourceMetadata(OAuthSite site) => Results.Json(new Dictionary<string, object>
    {
        ["resource"] = site.Resource,
        ["authorization_servers"] = new[] { site.Issuer.AbsoluteUri },
        ["scopes_supported"] = new[] { AuthorizationServer.ReadScope },
        ["bearer_methods_supported"] = new[] { "header" },
        ["resource_name"] = "Oura MCP",
    });

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOpenIddictApplicationManager applications, IDataProtectionProvider protection,
        IUpstreamSignIn upstream, OAuthSite site)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict authorize request is missing.");
        var query = context.Request.QueryString.Value ?? "";
        var protector = protection.CreateProtector(SignInPurpose);

        if (ReadSignIn(context, protector) is { } signIn && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signIn.RequestKey), Encoding.UTF8.GetBytes(RequestKey(query))))
        {
            context.Response.Cookies.Delete(SignInCookie, CookieOptions(TimeSpan.Zero));
            if (signIn.PersonId is null)
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person did not allow access.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, signIn.PersonId).SetClaim(Claims.Name, signIn.PersonId);
            // Only what was asked for: a client that asked for no scope gets a token the tools refuse (403, step-up).
            // offline_access always: public clients keep access by rotating refresh tokens, which need it in OpenIddict.
            // The admin scope only to the people the server names as administrators (IAdminPeople), and only when asked for.
            var scopes = request.GetScopes().Intersect([AuthorizationServer.ReadScope], StringComparer.Ordinal).ToList();
            if (request.HasScope(AuthorizationServer.AdminScope) && context.RequestServices.GetService<IAdminPeople>() is { } admins
                && await admins.IsAdminAsync(signIn.PersonId, context.RequestAborted).ConfigureAwait(false))
            {
                scopes.Add(AuthorizationServer.AdminScope);
            }

            identity.SetScopes(scopes.Append(Scopes.OfflineAccess));
            identity.SetResources(site.Resource);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted).ConfigureAwait(false);
        var name = (application is null ? null : await applications.GetDisplayNameAsync(application, context.RequestAborted).ConfigureAwait(false)) ?? request.ClientId!;
        var redirect = new Uri(request.RedirectUri!);
        var csrf = PendingSignIns.Base64Url(RandomNumberGenerator.GetBytes(32));
        var nonce = PendingSignIns.Base64Url(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(ConsentCookie, csrf, CookieOptions(SignInLifetime));
        NoFraming(context, $"script-src 'nonce-{nonce}'; form-action 'self' {upstream.AuthorizeEndpoint.GetLeftPart(UriPartial.Authority)}");
        var html = ConsentPage.Render(name, string.IsNullOrEmpty(redirect.Host) ? redirect.Scheme : redirect.Host, upstream.Name, upstream.Scopes, site.Url(ConsentPath), query, csrf, nonce);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> ConsentAsync(HttpContext context, PendingSignIns pending, IUpstreamSignIn upstream, IDataProtectionProvider protection, OAuthSite site)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var expected = context.Request.Cookies[ConsentCookie];
        context.Response.Cookies.Delete(ConsentCookie, CookieOptions(TimeSpan.Zero));
        var query = form["request"].ToString();
        if (expected is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(form["csrf"].ToString())) || !query.StartsWith('?'))
            return Page(context, StatusCodes.Status400BadRequest, "This consent form has expired or was not sent from this browser. Start the connection again from your app.");

        var resume = site.Url(AuthorizationServer.AuthorizePath).AbsoluteUri + query;
        if (form["decision"] != "allow")
        {
            WriteSignIn(context, protection.CreateProtector(SignInPurpose), new SignInTicket(null, RequestKey(query)));
            return Results.Redirect(resume);
        }

        var zone = form["time_zone"].ToString().Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) zone = "UTC";
        var state = PendingSignIns.NewState();
        var start = upstream.Begin(state, site.Url(CallbackPath));
        await pending.AddAsync(state, query, start.Verifier, zone, context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Append(StateCookie, state, CookieOptions(SignInLifetime));
        return Results.Redirect(start.AuthorizeUrl.AbsoluteUri);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, PendingSignIns pending, IUpstreamSignIn upstream, IDataProtectionProvider protection,
        OAuthSite site, OAuthDatabase database)
    {
        var state = context.Request.Query["state"].ToString();
        var browserState = context.Request.Cookies[StateCookie];
        context.Response.Cookies.Delete(StateCookie, CookieOptions(TimeSpan.Zero));
        // Taken before anything else: a state is spent by its first use, whatever happens next.
        var signIn = await pending.TakeAsync(state, context.RequestAborted).ConfigureAwait(false);
        if (signIn is null || browserState is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(browserState), Encoding.UTF8.GetBytes(state)))
            return Page(context, StatusCodes.Status400BadRequest, $"This {upstream.Name} sign-in was already used, has expired, or began in another browser. Start the connection again from your app.");

        var protector = protection.CreateProtector(SignInPurpose);
        var resume = site.Url(AuthorizationServer.AuthorizePath).AbsoluteUri + signIn.AuthorizeQuery;
        var code = context.Request.Query["code"].ToString();
        if (context.Request.Query.ContainsKey("error") || code.Length == 0)
        {
            if (signIn.AuthorizeQuery is null)
                return Page(context, StatusCodes.Status400BadRequest, $"{upstream.Name} did not sign you in, so nothing is connected. Open the page again to retry.");
            WriteSignIn(context, protector, new SignInTicket(null, RequestKey(signIn.AuthorizeQuery)));
            return Results.Redirect(resume);
        }

        string personId;
        try
        {
            personId = await upstream.CompleteAsync(code, signIn.Verifier, site.Url(CallbackPath), context.RequestAborted).ConfigureAwait(false);
        }
        catch (UpstreamSignInException e)
        {
            LogUpstreamFailed(Logger(context), upstream.Name, e.Message);
            return Page(context, StatusCodes.Status502BadGateway, e.Message);
        }

        var person = await database.People.FindAsync([personId], context.RequestAborted).ConfigureAwait(false);
        if (person is null)
        {
            person = new ConnectedPersonRecord { Id = personId, TimeZone = signIn.TimeZone, ConnectedAt = DateTimeOffset.UtcNow };
            database.People.Add(person);
        }
        else person.TimeZone = signIn.TimeZone;

        await database.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        foreach (var listener in context.RequestServices.GetServices<IPersonConnected>())
            await listener.ConnectedAsync(personId, CancellationToken.None).ConfigureAwait(false);
        if (signIn.AuthorizeQuery is null) return AccountEndpoints.SignedIn(context, person);
        WriteSignIn(context, protector, new SignInTicket(personId, RequestKey(signIn.AuthorizeQuery)));
        return Results.Redirect(resume);
    }

    /// <summary>Who came back from the provider, for exactly one authorize request (by the hash of its query).</summary>
    private sealed record SignInTicket(string? PersonId, string RequestKey);

    private static void WriteSignIn(HttpContext context, IDataProtector protector, SignInTicket ticket)
    {
        var expires = DateTimeOffset.UtcNow.Add(SignInLifetime).ToUnixTimeSeconds();
        var payload = $"{expires}\n{ticket.RequestKey}\n{ticket.PersonId}";
        context.Response.Cookies.Append(SignInCookie, protector.Protect(payload), CookieOptions(SignInLifetime));
    }

    private static SignInTicket? ReadSignIn(HttpContext context, IDataProtector protector)
    {
        if (context.Request.Cookies[SignInCookie] is not { Length: > 0 } cookie) return null;
        try
        {
            var parts = protector.Unprotect(cookie).Split('\n');
            if (parts.Length != 3 || !long.TryParse(parts[0], out var expires) || expires < DateTimeOffset.UtcNow.ToUnixTimeSeconds()) return null;
            return new SignInTicket(parts[2].Length == 0 ? null : parts[2], parts[1]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string RequestKey(string query) => PendingSignIns.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    internal static CookieOptions CookieOptions(TimeSpan lifetime) => new()
    {
        // __Host-: Secure, Path=/, no Domain. Lax: sent on the top-level redirect back from the provider.
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };

    internal static void NoFraming(HttpContext context, string extra)
    {
        context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; {extra}";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers.CacheControl = "no-store";
        // Not no-referrer: under it a browser sends "Origin: null" with the page's own form posts, which RequestGuard
        // refuses. same-origin still tells no other site (the provider included) where the person came from.
        context.Response.Headers["Referrer-Policy"] = "same-origin";
    }

    private static IResult Page(HttpContext context, int status, string sentence)
    {
        NoFraming(context, "form-action 'none'");
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Could not connect</title></head><body><main><h1>Could not connect</h1><p>{System.Net.WebUtility.HtmlEncode(sentence)}</p></main></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthorizationEndpoints).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a client metadata document: {Reason}")]
    private static partial void LogMetadataRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Provider} sign-in did not complete: {Reason}")]
    private static partial void LogUpstreamFailed(ILogger logger, string provider, string reason);
}
