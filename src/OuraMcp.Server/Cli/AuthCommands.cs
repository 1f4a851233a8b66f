using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Server.Cli;

/// <summary>What an <c>auth</c> command reads and writes: the process's console in production, strings in tests.</summary>
public sealed class AuthConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Whether <see cref="In"/> is a person at a terminal (prompt) rather than a pipe (read it all).</summary>
    public bool InIsTerminal { get; init; }

    public static AuthConsole System => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        InIsTerminal = !Console.IsInputRedirected,
    };
}

/// <summary>
/// <c>auth login</c>, <c>status</c>, <c>logout</c> and <c>import</c>. Every message names the account and the store
/// and says what to do; none ever contains a token, an authorization code or the client secret.
/// </summary>
public static class AuthCommands
{
    /// <summary>Oura's authorization codes live 10 minutes: a sign-in that has not come back by then never will.</summary>
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(AuthCommand command, Func<string, string?> environment, AuthConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return command.Verb switch
            {
                AuthVerb.Login => await LoginAsync(command, environment, console, cancellationToken).ConfigureAwait(false),
                AuthVerb.Status => await StatusAsync(command, environment, console, cancellationToken).ConfigureAwait(false),
                AuthVerb.Logout => await LogoutAsync(command, environment, console, cancellationToken).ConfigureAwait(false),
                _ => await ImportAsync(command, environment, console, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (TokenStoreException e)
        {
            await console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.ToolError;
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> LoginAsync(AuthCommand command, Func<string, string?> environment, AuthConsole console, CancellationToken cancellationToken)
    {
        var options = OAuthOptions(environment) ?? throw new UsageException(
            "auth login needs your Oura app's credentials: set OURA_CLIENT_ID and OURA_CLIENT_SECRET to those of the app you registered at " +
            $"https://cloud.ouraring.com/oauth/applications, with the redirect URI http://127.0.0.1:{command.Port}/callback.");
        if (string.IsNullOrEmpty(options.ClientSecret))
            throw new UsageException("OURA_CLIENT_SECRET is not set: Oura's token endpoint needs the app's client secret as well as OURA_CLIENT_ID.");
        var store = OpenStore(environment);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var signIn = new OuraSignIn(new OAuthClient(http, options, TimeProvider.System), store);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SignInTimeout);
        OuraTokenSet tokens;
        try
        {
            tokens = await signIn.SignInAsync(command.Account, async (url, _) =>
            {
                await console.Out.WriteLineAsync($"Sign in to Oura for account '{command.Account}': open this URL in your browser.").ConfigureAwait(false);
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                // AbsoluteUri keeps the escapes: Uri.ToString() would turn the scope list's %20 into spaces, breaking copy and paste.
                await console.Out.WriteLineAsync("  " + url.AbsoluteUri).ConfigureAwait(false);
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                // The listener's own redirect URI: with --port 0 only it knows the port it got.
                var redirect = System.Web.HttpUtility.ParseQueryString(url.Query)["redirect_uri"];
                await console.Out.WriteLineAsync($"Waiting for Oura to redirect to {redirect} (Ctrl+C to give up)...").ConfigureAwait(false);
                await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                if (!command.NoBrowser) TryOpenBrowser(url);
            }, command.Scopes, command.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or SocketException)
        {
            await console.Error.WriteLineAsync(
                $"Could not listen for Oura's redirect on 127.0.0.1:{command.Port} ({e.GetType().Name}: is another program using the port?). " +
                "Free the port, or pass --port with another port that is registered as a redirect URI of your Oura app.").ConfigureAwait(false);
            return ExitCodes.ToolError;
        }
        catch (OuraAuthException e)
        {
            await console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.ToolError;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("No sign-in came back within 10 minutes (Oura's authorization codes last that long). Run `OuraMcp.Server auth login` again.").ConfigureAwait(false);
            return ExitCodes.ToolError;
        }

        await console.Out.WriteLineAsync(
            $"Signed in: account '{command.Account}', scopes {Scopes(tokens)}, access token valid until {When(tokens.ExpiresAt)} (renewed automatically). " +
            $"Tokens stored encrypted in {store.Location}.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> StatusAsync(AuthCommand command, Func<string, string?> environment, AuthConsole console, CancellationToken cancellationToken)
    {
        var store = OpenStore(environment);
        var tokens = await store.TryGetAsync(command.Account, cancellationToken).ConfigureAwait(false);
        var others = (await store.ListAccountsAsync(cancellationToken).ConfigureAwait(false)).Where(a => a != command.Account).ToList();
        var output = console.Out;
        if (!string.IsNullOrWhiteSpace(environment("OURA_ACCESS_TOKEN")))
            await output.WriteLineAsync("Note: OURA_ACCESS_TOKEN is set, so the server uses that token, not the stored sign-in.").ConfigureAwait(false);

        if (tokens is null)
        {
            await output.WriteLineAsync($"Account:  {command.Account}: not signed in. Run `OuraMcp.Server auth login{AccountOption(command)}` to sign in.").ConfigureAwait(false);
            await output.WriteLineAsync($"Store:    {store.Location}").ConfigureAwait(false);
            if (others.Count > 0) await output.WriteLineAsync($"Other accounts in the store: {string.Join(", ", others)}").ConfigureAwait(false);
            return ExitCodes.ToolError;
        }

        var now = DateTimeOffset.UtcNow;
        var expiry = tokens.ExpiresAt > now
            ? $"{When(tokens.ExpiresAt)} (in {Span(tokens.ExpiresAt - now)})"
            : $"{When(tokens.ExpiresAt)} (expired {Span(now - tokens.ExpiresAt)} ago{(tokens.RefreshToken.Length > 0 ? "; renewed on the next tool call" : "")})";
        await output.WriteLineAsync($"Account:  {command.Account}: signed in").ConfigureAwait(false);
        await output.WriteLineAsync($"Scopes:   {Scopes(tokens)}").ConfigureAwait(false);
        await output.WriteLineAsync($"Expires:  {expiry}").ConfigureAwait(false);
        await output.WriteLineAsync($"Refresh:  {(tokens.RefreshToken.Length > 0 ? $"yes, at Oura's {(tokens.TokenEndpoint == TokenEndpointKind.NewPortal ? "new-portal" : "legacy")} token endpoint" : "no refresh token: sign in again when the access token expires")}").ConfigureAwait(false);
        await output.WriteLineAsync($"Store:    {store.Location}").ConfigureAwait(false);
        if (others.Count > 0) await output.WriteLineAsync($"Other accounts in the store: {string.Join(", ", others)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> LogoutAsync(AuthCommand command, Func<string, string?> environment, AuthConsole console, CancellationToken cancellationToken)
    {
        var store = OpenStore(environment);
        // Under the account lock: a running server may be refreshing this account right now.
        var removed = await store.WithAccountLockAsync(command.Account, ct => store.RemoveAsync(command.Account, ct), cancellationToken).ConfigureAwait(false);
        if (!removed)
        {
            await console.Out.WriteLineAsync($"Account '{command.Account}' was not signed in ({store.Location}); nothing to forget.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync(
            $"Signed out: the tokens of account '{command.Account}' were removed from {store.Location}. " +
            "Oura offers no endpoint to revoke tokens, so they stay valid at Oura until they expire; to withdraw this app's access " +
            "now, remove the app from your Oura account's settings. A running server stops using the account at its next refresh.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> ImportAsync(AuthCommand command, Func<string, string?> environment, AuthConsole console, CancellationToken cancellationToken)
    {
        var (access, refresh, expiresIn, scopes) = command.AccessToken is not null
            ? (command.AccessToken, command.RefreshToken, command.ExpiresIn, command.Scopes)
            : await ReadTokensAsync(command, console, cancellationToken).ConfigureAwait(false);
        access = access?.Trim();
        refresh = refresh?.Trim();
        if (string.IsNullOrEmpty(access)) throw new UsageException("No access token was given: pass --access-token, or write the tokens to standard input.");
        if (access.Any(char.IsWhiteSpace) || refresh?.Any(char.IsWhiteSpace) == true)
            throw new UsageException("A token cannot contain spaces or line breaks: check what was pasted.");
        CheckTokenShape("access token", access);
        if (!string.IsNullOrEmpty(refresh)) CheckTokenShape("refresh token", refresh);

        var endpoint = OAuthOptions(environment)?.PreferredTokenEndpoint ?? TokenEndpointKind.Legacy;
        var assumed = expiresIn is null;
        var tokens = new OuraTokenSet(access, refresh ?? "", DateTimeOffset.UtcNow + (expiresIn is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromHours(24)),
            scopes ?? [], endpoint);
        var store = OpenStore(environment);
        await store.WithAccountLockAsync(command.Account, async ct => { await store.SaveAsync(command.Account, tokens, ct).ConfigureAwait(false); return true; }, cancellationToken)
            .ConfigureAwait(false);

        await console.Out.WriteLineAsync($"Imported the tokens of account '{command.Account}' into {store.Location}.").ConfigureAwait(false);
        if (assumed)
            await console.Out.WriteLineAsync("The access token's lifetime was not given (--expires-in): assumed 24 hours; if Oura rejects it sooner, the server refreshes it once.").ConfigureAwait(false);
        if (tokens.RefreshToken.Length == 0)
            await console.Out.WriteLineAsync("No refresh token was given: when the access token expires, sign in again with `OuraMcp.Server auth login`.").ConfigureAwait(false);
        else if (OAuthOptions(environment) is null)
            await console.Out.WriteLineAsync("To renew the tokens, the server needs OURA_CLIENT_ID and OURA_CLIENT_SECRET of the app that issued them.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Tokens from standard input: JSON as Oura's token endpoint answers it, or <c>name=value</c> lines
    /// (access_token, refresh_token, expires_in, scope), or the access and the refresh token on two lines.
    /// At a terminal, it asks for each.
    /// </summary>
    internal static async Task<(string? Access, string? Refresh, long? ExpiresIn, IReadOnlyList<string>? Scopes)> ReadTokensAsync(
        AuthCommand command, AuthConsole console, CancellationToken cancellationToken)
    {
        if (console.InIsTerminal)
        {
            await console.Error.WriteAsync("Access token: ").ConfigureAwait(false);
            var a = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            await console.Error.WriteAsync("Refresh token (empty if none): ").ConfigureAwait(false);
            var r = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return (a, string.IsNullOrWhiteSpace(r) ? null : r, command.ExpiresIn, command.Scopes);
        }

        var text = (await ReadBoundedAsync(console.In, cancellationToken).ConfigureAwait(false)).Trim();
        if (text.StartsWith('{'))
        {
            JsonElement root;
            try { root = JsonDocument.Parse(text).RootElement.Clone(); }
            catch (JsonException) { throw new UsageException("Standard input starts like JSON but is not valid JSON (nothing of it is shown here, as it may hold tokens)."); }
            string? Str(string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            } : null;
            return (Str("access_token"), Str("refresh_token"), command.ExpiresIn ?? AuthCommandLine.ParseExpiresIn(Str("expires_in")),
                command.Scopes ?? AuthCommandLine.ParseScopes(Str("scope")));
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 0 && lines.All(l => l.Contains('=', StringComparison.Ordinal)))
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines)
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                values[line[..eq].Trim().Replace('-', '_')] = line[(eq + 1)..].Trim();
            }
            return (values.GetValueOrDefault("access_token"), values.GetValueOrDefault("refresh_token"),
                command.ExpiresIn ?? AuthCommandLine.ParseExpiresIn(values.GetValueOrDefault("expires_in")),
                command.Scopes ?? AuthCommandLine.ParseScopes(values.GetValueOrDefault("scope")));
        }

        if (lines.Length is 1 or 2) return (lines[0], lines.Length == 2 ? lines[1] : null, command.ExpiresIn, command.Scopes);
        throw new UsageException("Standard input must hold Oura's token JSON, name=value lines (access_token, refresh_token, expires_in, scope), or the access and refresh token on two lines.");
    }

    /// <summary>Longest token accepted: Oura's are well under 1,000 characters; a megabyte is a paste gone wrong.</summary>
    internal const int MaxTokenLength = 4_096;

    /// <summary>Longest standard input read for tokens: room for the token JSON, not for a file sent by mistake.</summary>
    internal const int MaxInputLength = 64 * 1_024;

    /// <summary>
    /// A token is printable ASCII without spaces (what OAuth bearer tokens are made of), and not huge: anything else would
    /// be stored and then break every request it is sent with. Nothing of the value is shown.
    /// </summary>
    internal static void CheckTokenShape(string what, string token)
    {
        if (token.Length > MaxTokenLength)
            throw new UsageException($"The {what} is {token.Length:N0} characters long; Oura's tokens are far shorter (at most {MaxTokenLength:N0} accepted). Check what was pasted.");
        if (token.Any(c => c is < '!' or > '~'))
            throw new UsageException($"The {what} holds characters no token has (control characters, or letters outside printable ASCII). Check what was pasted.");
    }

    private static async Task<string> ReadBoundedAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxInputLength + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }

        if (read > MaxInputLength)
            throw new UsageException($"Standard input is longer than {MaxInputLength / 1_024} KB; tokens are far shorter. Send only Oura's token JSON, name=value lines, or the two tokens.");
        return new string(buffer, 0, read);
    }

    /// <summary>The app's OAuth settings, or null when OURA_CLIENT_ID is not set.</summary>
    internal static OuraOAuthOptions? OAuthOptions(Func<string, string?> environment)
    {
        try
        {
            return OuraOAuthOptions.FromEnvironment(environment);
        }
        catch (UriFormatException)
        {
            throw new UsageException("OURA_AUTHORIZE_URL, OURA_TOKEN_URL and OURA_NEW_PORTAL_TOKEN_URL must be absolute URLs when set.");
        }
    }

    private static ITokenStore OpenStore(Func<string, string?> environment) =>
        TokenStores.Create(FileTokenStoreOptions.FromEnvironment(environment), TimeProvider.System);

    /// <summary>Best effort: the URL is always printed, a browser is a convenience.</summary>
    private static void TryOpenBrowser(Uri url)
    {
        try
        {
            ProcessStartInfo info;
            if (OperatingSystem.IsWindows()) info = new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            else if (OperatingSystem.IsMacOS()) info = new ProcessStartInfo("open", [url.AbsoluteUri]);
            // No display, no browser: a server over SSH would only print xdg-open's complaints.
            else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"))) return;
            else info = new ProcessStartInfo("xdg-open", [url.AbsoluteUri]);
            if (!info.UseShellExecute)
            {
                // Its chatter must not mix with this command's output.
                info.RedirectStandardOutput = true;
                info.RedirectStandardError = true;
            }
            // Not disposed or awaited: the opener outlives this command on some systems.
            var process = Process.Start(info);
            if (process is not null && !info.UseShellExecute)
            {
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // No opener installed: the printed URL is the way.
        }
    }

    private static string AccountOption(AuthCommand command) => command.Account == AccountIds.Default ? "" : $" --account {command.Account}";

    private static string Scopes(OuraTokenSet tokens) => tokens.Scopes.Count == 0 ? "(not recorded)" : string.Join(' ', tokens.Scopes);

    private static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : $"{Math.Max(0, (int)span.TotalMinutes)} min";
}
