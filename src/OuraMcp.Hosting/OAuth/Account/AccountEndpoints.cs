using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>
/// The account page at <c>/</c>: connecting without an MCP client (the same federation as a client's: our form, the
/// provider's sign-in, our callback), then what is connected and the forms that change it. Every form is a POST carrying
/// the session's token; the session is <see cref="AccountSession"/>.
/// </summary>
internal static class AccountEndpoints
{
    public const string ConnectPath = "/connect";
    public const string TimeZonePath = "/account/time-zone";
    public const string RevokePath = "/account/revoke";
    public const string DisconnectPath = "/account/disconnect";
    public const string DeletePath = "/account/delete";
    public const string SignOutPath = "/account/sign-out";

    private const string ConnectCookie = "__Host-oura-mcp-connect";

    public static void MapAccountPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", HomeAsync);
        app.MapGet(AccountPage.ScriptPath, () => Results.Text(AccountPage.Script, "text/javascript; charset=utf-8"));
        app.MapPost(ConnectPath, ConnectAsync).RequireRateLimiting(CallerRateLimit.Policy);
        app.MapPost(TimeZonePath, TimeZoneAsync);
        app.MapPost(RevokePath, RevokeAsync);
        app.MapPost(DisconnectPath, DisconnectAsync);
        app.MapPost(DeletePath, DeleteAsync);
        app.MapPost(SignOutPath, SignOutAsync);
    }

    /// <summary>The callback of a sign-in begun here: the page's session begins for the person who came back.</summary>
    public static IResult SignedIn(HttpContext context, ConnectedPersonRecord person)
    {
        AccountSession.New(person.Id, person.ConnectedAt).Write(context, context.RequestServices.GetRequiredService<IDataProtectionProvider>());
        return Results.Redirect("/?done=connected");
    }

    private static async Task<IResult> HomeAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PersonGrants grants,
        IUpstreamSignIn upstream, IUpstreamAccounts accounts, OAuthSite site)
    {
        var (session, person) = await SessionAsync(context, protection, database).ConfigureAwait(false);
        if (session is null || person is null) return ConnectForm(context, upstream, site, "UTC", problem: null);
        var notice = context.Request.Query["done"].ToString() switch
        {
            "connected" => $"Your {upstream.Name} account is connected.",
            "time-zone" => $"Your time zone is now {person.TimeZone}.",
            "revoked" => "That client's access is revoked: its next call is refused.",
            "disconnected" => $"Disconnected: your {upstream.Name} tokens are deleted here and no MCP client has access. " +
                              $"{upstream.Name} has no revocation endpoint; remove this app in {upstream.Name}'s app settings too (link below).",
            _ => null,
        };
        return await StatusAsync(context, session, person, grants, upstream, accounts, notice, problem: null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task<IResult> ConnectAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PendingSignIns pending,
        IUpstreamSignIn upstream, OAuthSite site)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var csrf = form["csrf"].ToString();
        var (session, _) = await SessionAsync(context, protection, database).ConfigureAwait(false);
        var expected = context.Request.Cookies[ConnectCookie];
        var fromThisPage = session?.Accepts(csrf) == true
                           || (expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(csrf)));
        if (!fromThisPage) return Refused(context, StatusCodes.Status403Forbidden, "This form has expired or was not sent from this page. Open the page again and retry.");

        var zone = form["time_zone"].ToString().Trim();
        if (TimeZones.Problem(zone) is { } problem) return ConnectForm(context, upstream, site, zone, problem);

        context.Response.Cookies.Delete(ConnectCookie, AuthorizationEndpoints.CookieOptions(TimeSpan.Zero));
        var state = PendingSignIns.NewState();
        var start = upstream.Begin(state, site.Url(AuthorizationEndpoints.CallbackPath));
        await pending.AddAsync(state, authorizeQuery: null, start.Verifier, zone, context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Append(AuthorizationEndpoints.StateCookie, state, AuthorizationEndpoints.CookieOptions(AuthorizationEndpoints.SignInLifetime));
        return Results.Redirect(start.AuthorizeUrl.AbsoluteUri);
    }

    private static async Task<IResult> TimeZoneAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PersonGrants grants,
        IUpstreamSignIn upstream, IUpstreamAccounts accounts)
    {
        var (form, session, person, refusal) = await AuthorizeFormAsync(context, protection, database).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var zone = form["time_zone"].ToString().Trim();
        if (TimeZones.Problem(zone) is { } problem)
            return await StatusAsync(context, session!, person!, grants, upstream, accounts, notice: null, problem, StatusCodes.Status400BadRequest).ConfigureAwait(false);

        person!.TimeZone = zone;
        await database.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Redirect("/?done=time-zone");
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PersonGrants grants,
        IUpstreamSignIn upstream, IUpstreamAccounts accounts)
    {
        var (form, session, person, refusal) = await AuthorizeFormAsync(context, protection, database).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        if (await grants.RevokeClientAsync(person!.Id, form["client_id"].ToString(), context.RequestAborted).ConfigureAwait(false))
            return Results.Redirect("/?done=revoked");
        return await StatusAsync(context, session!, person, grants, upstream, accounts, notice: null,
            "That client holds no access for you (it may be revoked already).", StatusCodes.Status400BadRequest).ConfigureAwait(false);
    }

    private static async Task<IResult> DisconnectAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PersonGrants grants,
        IUpstreamAccounts accounts)
    {
        var (_, _, person, refusal) = await AuthorizeFormAsync(context, protection, database).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        // The grants first: a client must not keep calling while its person's provider tokens are going.
        await grants.RevokeAllAsync(person!.Id, context.RequestAborted).ConfigureAwait(false);
        await accounts.DisconnectAsync(person.Id, context.RequestAborted).ConfigureAwait(false);
        return Results.Redirect("/?done=disconnected");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database, PersonGrants grants,
        IUpstreamSignIn upstream, IUpstreamAccounts accounts)
    {
        var (form, session, person, refusal) = await AuthorizeFormAsync(context, protection, database).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        if (form["confirm"] != "yes") return Html(context, AccountPage.ConfirmDelete(upstream.Name, session!.FormToken), StatusCodes.Status200OK);

        await grants.DeleteAllAsync(person!.Id, context.RequestAborted).ConfigureAwait(false);
        await accounts.ForgetAsync(person.Id, context.RequestAborted).ConfigureAwait(false);
        database.People.Remove(person);
        await database.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        AccountSession.End(context);
        return Html(context, AccountPage.Deleted(upstream.Name, accounts.AppSettingsPage), StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database)
    {
        var (_, _, _, refusal) = await AuthorizeFormAsync(context, protection, database).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        AccountSession.End(context);
        return Results.Redirect("/");
    }

    /// <summary>The request's session and the connection it belongs to; a ticket whose connection is gone is ended.</summary>
    private static async Task<(AccountSession? Session, ConnectedPersonRecord? Person)> SessionAsync(HttpContext context, IDataProtectionProvider protection, OAuthDatabase database)
    {
        if (AccountSession.Read(context, protection) is not { } session) return (null, null);
        var person = await database.People.FirstOrDefaultAsync(p => p.Id == session.PersonId, context.RequestAborted).ConfigureAwait(false);
        if (session.Matches(person)) return (session, person);
        AccountSession.End(context);
        return (null, null);
    }

    /// <summary>A form post from a signed-in page of this site, or the refusal to answer instead.</summary>
    private static async Task<(IFormCollection Form, AccountSession? Session, ConnectedPersonRecord? Person, IResult? Refusal)> AuthorizeFormAsync(
        HttpContext context, IDataProtectionProvider protection, OAuthDatabase database)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (session, person) = await SessionAsync(context, protection, database).ConfigureAwait(false);
        if (session is null || person is null)
            return (form, null, null, Refused(context, StatusCodes.Status401Unauthorized, "You are not signed in to this page (or your session ended). Open the page and connect again."));
        if (!session.Accepts(form["csrf"].ToString()))
            return (form, null, null, Refused(context, StatusCodes.Status403Forbidden, "This form was not sent from your account page. Open the page again and retry."));
        return (form, session, person, null);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, AccountSession session, ConnectedPersonRecord person, PersonGrants grants,
        IUpstreamSignIn upstream, IUpstreamAccounts accounts, string? notice, string? problem, int status)
    {
        var facts = await accounts.DescribeAsync(person.Id, context.RequestAborted).ConfigureAwait(false);
        var clients = await grants.ClientsAsync(person.Id, context.RequestAborted).ConfigureAwait(false);
        var view = new AccountView(upstream.Name, facts, person.TimeZone, clients, accounts.AppSettingsPage, session.FormToken, notice, problem);
        return Html(context, AccountPage.Status(view), status);
    }

    private static IResult ConnectForm(HttpContext context, IUpstreamSignIn upstream, OAuthSite site, string zone, string? problem)
    {
        var csrf = PendingSignIns.Base64Url(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(ConnectCookie, csrf, AuthorizationEndpoints.CookieOptions(AuthorizationEndpoints.SignInLifetime));
        var html = AccountPage.Connect(upstream.Name, site.Resource, csrf, zone, problem);
        return Html(context, html, problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static IResult Refused(HttpContext context, int status, string sentence) => Html(context, AccountPage.Message("Not allowed", sentence), status);

    private static IResult Html(HttpContext context, string html, int status)
    {
        var upstream = context.RequestServices.GetRequiredService<IUpstreamSignIn>();
        AuthorizationEndpoints.NoFraming(context, $"script-src 'self'; form-action 'self' {upstream.AuthorizeEndpoint.GetLeftPart(UriPartial.Authority)}");
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
