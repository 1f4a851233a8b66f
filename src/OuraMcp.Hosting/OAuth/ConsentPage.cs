using System.Net;
using System.Text;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// Our consent page, shown before the provider's: names the client, the host its code goes to and the provider scopes,
/// and asks for the person's time zone (filled in from the browser, editable). Plain HTML; the one script only fills
/// the time zone, and works without it.
/// </summary>
internal static class ConsentPage
{
    public static string Render(string clientName, string redirectHost, string provider, IReadOnlyList<string> providerScopes,
        Uri consentUrl, string authorizeQuery, string csrf, string nonce)
    {
        static string H(string text) => WebUtility.HtmlEncode(text);
        var scopes = new StringBuilder();
        foreach (var scope in providerScopes) scopes.Append("<li><code>").Append(H(scope)).Append("</code></li>");
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Allow {{H(clientName)}} to read your {{H(provider)}} data?</title></head>
            <body>
            <main>
            <h1>Allow <strong>{{H(clientName)}}</strong> to read your {{H(provider)}} data?</h1>
            <p>After you sign in to {{H(provider)}}, this server gives <strong>{{H(clientName)}}</strong> access to read your data through its tools.
            Its authorization is sent to <strong>{{H(redirectHost)}}</strong>. If you do not recognise this, choose Deny.</p>
            <p>{{H(provider)}} will be asked for these scopes (read-only):</p>
            <ul>{{scopes}}</ul>
            <form method="post" action="{{H(consentUrl.AbsoluteUri)}}">
            <input type="hidden" name="request" value="{{H(authorizeQuery)}}">
            <input type="hidden" name="csrf" value="{{H(csrf)}}">
            <p><label for="time_zone">Your time zone (decides what "today" is)</label>
            <input id="time_zone" name="time_zone" value="UTC" autocomplete="off"></p>
            <p><button type="submit" name="decision" value="allow">Allow and sign in to {{H(provider)}}</button>
            <button type="submit" name="decision" value="deny">Deny</button></p>
            </form>
            </main>
            <script nonce="{{nonce}}">try { document.getElementById('time_zone').value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch (e) {}</script>
            </body>
            </html>
            """;
    }
}
