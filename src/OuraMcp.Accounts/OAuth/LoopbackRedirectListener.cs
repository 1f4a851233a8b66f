using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OuraMcp.Accounts.OAuth;

/// <summary>
/// Receives Oura's redirect after the person consents: an <see cref="HttpListener"/> on 127.0.0.1 (never all
/// interfaces) at a random or given port, waiting for <c>?code=…&amp;state=…</c>. A request without this sign-in's
/// state is refused and the wait goes on: any web page can send a browser to a fixed loopback port, and such a stray
/// request must not end the sign-in. With the right state, an <c>error=</c> redirect becomes
/// <see cref="OuraAuthException"/>; the browser gets a short page either way.
/// Note Oura matches redirect URIs exactly, so an app registered with a fixed port needs that port passed here.
/// </summary>
public sealed class LoopbackRedirectListener : IAsyncDisposable
{
    private readonly HttpListener _listener;

    private LoopbackRedirectListener(HttpListener listener, Uri redirectUri)
    {
        _listener = listener;
        RedirectUri = redirectUri;
    }

    /// <summary>The <c>redirect_uri</c> to send to Oura.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Starts listening. Port 0 picks a free port.</summary>
    public static LoopbackRedirectListener Start(int port = 0, string path = "/callback")
    {
        if (!path.StartsWith('/')) path = "/" + path;
        for (var attempt = 0; ; attempt++)
        {
            var chosen = port == 0 ? FreePort() : port;
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}{path.TrimEnd('/')}/");
            try
            {
                listener.Start();
                return new LoopbackRedirectListener(listener, new Uri($"http://127.0.0.1:{chosen}{path}"));
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                // The free port was taken between probing and binding: try another.
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits for the redirect and returns the authorization code once its state matches <paramref name="expectedState"/>.</summary>
    public async Task<string> WaitForCodeAsync(string expectedState, CancellationToken cancellationToken)
    {
        while (true)
        {
            var context = await _listener.GetContextAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var url = context.Request.Url!;
            if (!string.Equals(url.AbsolutePath.TrimEnd('/'), RedirectUri.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal))
            {
                // Browsers also ask for /favicon.ico and the like: answer and keep waiting.
                await RespondAsync(context, HttpStatusCode.NotFound, "Not found", "").ConfigureAwait(false);
                continue;
            }

            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            var state = query["state"];
            if (state is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
            {
                await RespondAsync(context, HttpStatusCode.BadRequest, "Sign-in refused",
                    "This response does not belong to the sign-in in progress (state mismatch), so it was ignored.").ConfigureAwait(false);
                continue;
            }

            var error = query["error"];
            if (error is not null)
            {
                var known = error is "access_denied" ? "access_denied" : "authorization_error";
                await RespondAsync(context, HttpStatusCode.OK, "Sign-in not completed",
                    known == "access_denied" ? "Access to Oura was not granted. You can close this tab." : "Oura reported an error. You can close this tab and try again.").ConfigureAwait(false);
                throw new OuraAuthException(known == "access_denied"
                        ? "Access was not granted on Oura's consent page (access_denied): run `OuraMcp.Server auth login` again and allow access."
                        : $"Oura's sign-in page reported an error ({(error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : known)}): run `OuraMcp.Server auth login` again.",
                    known, null);
            }

            var code = query["code"];
            if (string.IsNullOrEmpty(code))
            {
                await RespondAsync(context, HttpStatusCode.BadRequest, "Sign-in failed", "The response carried no authorization code. Start the sign-in again.").ConfigureAwait(false);
                throw new OuraAuthException("Oura's redirect carried no authorization code: run `OuraMcp.Server auth login` again.", "missing_code", null);
            }

            await RespondAsync(context, HttpStatusCode.OK, "Signed in to Oura", "oura-mcp has access to your Oura data now. You can close this tab.").ConfigureAwait(false);
            return code;
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, HttpStatusCode status, string title, string text)
    {
        var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
                   $"<body style=\"font-family:sans-serif;margin:3em\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.Headers["Cache-Control"] = "no-store";
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    public ValueTask DisposeAsync()
    {
        _listener.Close();
        return ValueTask.CompletedTask;
    }
}
