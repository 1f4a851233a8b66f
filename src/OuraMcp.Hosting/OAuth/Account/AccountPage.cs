using System.Globalization;
using System.Net;
using System.Text;

namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>
/// The account page at <c>/</c>, rendered on the server: connecting, what is connected, and the forms that change it.
/// Plain HTML that works without JavaScript (one external script only pre-fills the browser's time zone); every value
/// shown is encoded; every form posts its session's token.
/// </summary>
internal static class AccountPage
{
    public const string ScriptPath = "/account/page.js";

    /// <summary>Fills the connect form's time zone from the browser; without it the field keeps its value.</summary>
    public const string Script = "var z=document.getElementById('time_zone');if(z&&z.dataset.fill){try{z.value=Intl.DateTimeFormat().resolvedOptions().timeZone||z.value;}catch(e){}}";

    private static string H(string text) => WebUtility.HtmlEncode(text);

    /// <summary>For someone not signed in to the page: how to add the server to a client, and the form that connects from here.</summary>
    public static string Connect(string provider, string mcpUrl, string formToken, string zone, string? problem) => Layout($"Connect your {provider} account", $"""
        {Problem(problem)}
        <p>Add <code>{H(mcpUrl)}</code> to your MCP client (for example as a custom connector): it sends you here to allow it, then to {H(provider)} to sign in.</p>
        <h2>Connect from this page</h2>
        <p>Sign in to {H(provider)} to see what is connected, change your time zone, take access back from a client, or delete your data.</p>
        <form method="post" action="{AccountEndpoints.ConnectPath}">
        <input type="hidden" name="csrf" value="{H(formToken)}">
        <p><label for="time_zone">Your time zone (an IANA name such as Europe/Helsinki; decides what "today" is)</label>
        <input id="time_zone" name="time_zone" value="{H(zone)}" data-fill="1" autocomplete="off" required></p>
        <p><button type="submit">Connect your {H(provider)} account</button></p>
        </form>
        """, script: true);

    public static string Status(AccountView view)
    {
        var facts = new StringBuilder();
        if (view.Facts is null)
            facts.Append("<p>No ").Append(H(view.Provider)).Append(" account is connected now. Connect it again to use your MCP clients.</p>");
        else
        {
            facts.Append("<dl>");
            foreach (var fact in view.Facts) facts.Append("<dt>").Append(H(fact.Label)).Append("</dt><dd>").Append(H(fact.Value)).Append("</dd>");
            facts.Append("</dl>");
        }

        var clients = new StringBuilder();
        if (view.Clients.Count == 0) clients.Append("<p>No MCP client holds access.</p>");
        else
        {
            clients.Append("<table><caption>Clients with access</caption><thead><tr><th scope=\"col\">Client</th><th scope=\"col\">Client id</th><th scope=\"col\">Since (UTC)</th><th scope=\"col\">Action</th></tr></thead><tbody>");
            foreach (var client in view.Clients)
            {
                clients.Append("<tr><td>").Append(H(client.Name)).Append("</td><td><code>").Append(H(client.ClientId)).Append("</code></td><td>")
                    .Append(H(client.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</td><td>")
                    .Append("<form method=\"post\" action=\"").Append(AccountEndpoints.RevokePath).Append("\">").Append(Csrf(view.FormToken))
                    .Append("<input type=\"hidden\" name=\"client_id\" value=\"").Append(H(client.ClientId)).Append("\">")
                    .Append("<button type=\"submit\">Revoke access for ").Append(H(client.Name)).Append("</button></form></td></tr>");
            }

            clients.Append("</tbody></table>");
        }

        var connect = view.Facts is null
            ? $"""<form method="post" action="{AccountEndpoints.ConnectPath}">{Csrf(view.FormToken)}<input type="hidden" name="time_zone" value="{H(view.TimeZone)}"><p><button type="submit">Connect your {H(view.Provider)} account again</button></p></form>"""
            : "";
        return Layout($"Your {view.Provider} connection", $"""
            {Notice(view.Notice)}{Problem(view.Problem)}
            <h2>{H(view.Provider)} account</h2>
            {facts}{connect}
            <h2>Time zone</h2>
            <form method="post" action="{AccountEndpoints.TimeZonePath}">{Csrf(view.FormToken)}
            <p><label for="time_zone">Your time zone (an IANA name such as Europe/Helsinki)</label>
            <input id="time_zone" name="time_zone" value="{H(view.TimeZone)}" autocomplete="off" required>
            <button type="submit">Save time zone</button></p>
            </form>
            <h2>MCP clients</h2>
            {clients}
            <h2>Disconnect</h2>
            <p>Disconnecting deletes your {H(view.Provider)} tokens from this server and ends the access of every MCP client. {NoRevocation(view)}</p>
            <form method="post" action="{AccountEndpoints.DisconnectPath}">{Csrf(view.FormToken)}<p><button type="submit">Disconnect your {H(view.Provider)} account</button></p></form>
            <h2>Delete all my data</h2>
            <p>Deletes your {H(view.Provider)} tokens, every grant to your MCP clients, your time zone and any stored history from this server.</p>
            <form method="post" action="{AccountEndpoints.DeletePath}">{Csrf(view.FormToken)}<p><button type="submit">Delete all my data…</button></p></form>
            <h2>Sign out</h2>
            <form method="post" action="{AccountEndpoints.SignOutPath}">{Csrf(view.FormToken)}<p><button type="submit">Sign out of this page</button></p></form>
            """);
    }

    public static string ConfirmDelete(string provider, string formToken) => Layout("Delete all your data?", $"""
        <p>This deletes, from this server: your {H(provider)} tokens, every grant and token of your MCP clients (their next call is refused),
        your time zone, and any history stored for you. It cannot be undone; you can connect again later.</p>
        <form method="post" action="{AccountEndpoints.DeletePath}">{Csrf(formToken)}
        <input type="hidden" name="confirm" value="yes">
        <p><button type="submit">Yes, delete all my data</button> <a href="/">No, keep it</a></p>
        </form>
        """);

    public static string Deleted(string provider, Uri appSettings) => Layout("Your data is deleted", $"""
        <p>This server keeps nothing of yours any more, and you are signed out of this page.
        {H(provider)} has no way for this server to revoke its own sign-in: to remove this app there too, open
        <a href="{H(appSettings.AbsoluteUri)}">{H(provider)}'s app settings</a>.</p>
        <p><a href="/">Back to the start</a></p>
        """);

    public static string Message(string title, string sentence) => Layout(title, $"<p>{H(sentence)}</p><p><a href=\"/\">Back to the start</a></p>");

    private static string NoRevocation(AccountView view) =>
        $"{H(view.Provider)} has no revocation endpoint, so this server cannot end its own {H(view.Provider)} sign-in there: to remove this app from your {H(view.Provider)} account too, open <a href=\"{H(view.AppSettings.AbsoluteUri)}\">{H(view.Provider)}'s app settings</a>.";

    private static string Csrf(string formToken) => $"<input type=\"hidden\" name=\"csrf\" value=\"{H(formToken)}\">";

    private static string Notice(string? notice) => notice is null ? "" : $"<p role=\"status\">{H(notice)}</p>";

    private static string Problem(string? problem) => problem is null ? "" : $"<p role=\"alert\">{H(problem)}</p>";

    private static string Layout(string title, string body, bool script = false) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{H(title)}</title></head>
        <body>
        <main>
        <h1>{H(title)}</h1>
        {body}
        </main>
        {(script ? $"<script src=\"{ScriptPath}\"></script>" : "")}
        </body>
        </html>
        """;
}

/// <summary>Everything the status page shows.</summary>
internal sealed record AccountView(
    string Provider,
    IReadOnlyList<AccountFact>? Facts,
    string TimeZone,
    IReadOnlyList<ClientAccess> Clients,
    Uri AppSettings,
    string FormToken,
    string? Notice = null,
    string? Problem = null);
