using System.Globalization;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Cli;

/// <summary>Which <c>auth</c> subcommand was asked for.</summary>
public enum AuthVerb
{
    Login,
    Status,
    Logout,
    Import,
}

/// <summary>
/// A parsed <c>auth</c> command. A class, not a record, so that no generated <c>ToString</c> prints the tokens of
/// <c>auth import --access-token …</c>.
/// </summary>
public sealed class AuthCommand
{
    /// <summary>The loopback port <c>auth login</c> listens on unless told otherwise. Oura matches redirect URIs exactly, so it is fixed and documented.</summary>
    public const int DefaultRedirectPort = FakeDefaults.RedirectPort;

    public required AuthVerb Verb { get; init; }

    /// <summary>The account id the tokens are stored under.</summary>
    public string Account { get; init; } = AccountIds.Default;

    /// <summary><c>auth login</c>: the port of the loopback redirect listener.</summary>
    public int Port { get; init; } = DefaultRedirectPort;

    /// <summary><c>auth login</c>: the scopes to ask for (null: every scope); <c>auth import</c>: the scopes the tokens carry.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary><c>auth login</c>: only print the URL, never start a browser.</summary>
    public bool NoBrowser { get; init; }

    /// <summary><c>auth import</c>: the tokens given as options (null: read from standard input).</summary>
    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary><c>auth import</c>: seconds until the access token expires (null: from stdin, else unknown).</summary>
    public long? ExpiresIn { get; init; }

    public override string ToString() => $"AuthCommand {{ Verb = {Verb}, Account = {Account} }}";
}

/// <summary>Account ids: short names a person picks, safe in file names, messages and logs.</summary>
public static class AccountIds
{
    public const string Default = "default";

    public const string Variable = "OURA_ACCOUNT";

    public static string Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var id = text.Trim();
        if (id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')) return id;
        throw new UsageException($"'{id}' is not an account id: use up to 64 letters, digits, '-', '_', '.' or '@'.");
    }
}

/// <summary>
/// The grammar of <c>OuraMcp.Server auth …</c>: everything after the word <c>auth</c> belongs to it, so its options
/// (<c>--port</c> is the redirect port here) never mix with the server's.
/// </summary>
public static class AuthCommandLine
{
    public const string Usage = """
        Usage: OuraMcp.Server auth login  [--account <id>] [--port <n>] [--scopes a,b] [--no-browser]
                                                  sign in with Oura in the browser and store the tokens
               OuraMcp.Server auth status [--account <id>]
                                                  who is signed in: scopes, expiry, where the tokens are (exit 1 if nobody)
               OuraMcp.Server auth logout [--account <id>]
                                                  forget the account's tokens
               OuraMcp.Server auth import [--account <id>] [--access-token t] [--refresh-token t] [--expires-in s] [--scopes a,b]
                                                  store an existing token pair; without --access-token it is read from
                                                  stdin (JSON as Oura's token endpoint answers, or name=value lines), so
                                                  the tokens stay out of shell history
        Options:
          --account <id>   the account the tokens are stored under (default: OURA_ACCOUNT, else "default")
          --port <n>       login: loopback port of the redirect (default {port}); register
                           http://127.0.0.1:<n>/callback as a redirect URI of your Oura app
          --scopes a,b     login: scopes to ask for (default: all: {scopes})
          --no-browser     login: print the URL only
        Environment: OURA_CLIENT_ID, OURA_CLIENT_SECRET (your Oura app), OURA_AUTHORIZE_URL, OURA_TOKEN_URL,
                     OURA_TOKEN_STORE (default ~/.config/oura-mcp/tokens.json), OURA_TOKEN_STORE_KEY
        """;

    public static string UsageText => Usage
        .Replace("{port}", AuthCommand.DefaultRedirectPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{scopes}", string.Join(",", OuraCatalog.Scopes), StringComparison.Ordinal);

    /// <summary>Parses the words after <c>auth</c>. Null means help was asked for.</summary>
    public static AuthCommand? Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help") return null;
        var verb = args[0] switch
        {
            "login" => AuthVerb.Login,
            "status" => AuthVerb.Status,
            "logout" => AuthVerb.Logout,
            "import" => AuthVerb.Import,
            _ => throw new UsageException($"Unknown auth command '{args[0]}'. Auth commands: login, status, logout, import."),
        };

        string? account = null, port = null, scopes = null, access = null, refresh = null, expiresIn = null;
        var noBrowser = false;
        for (var position = 1; position < args.Count; position++)
        {
            var arg = args[position];
            var eq = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = eq > 0 ? arg[..eq] : arg;
            var inline = eq > 0 ? arg[(eq + 1)..] : null;
            string Value() => inline ?? (position + 1 < args.Count ? args[++position] : throw new UsageException($"{name} needs a value."));
            switch (name)
            {
                case "--account": account = Value(); break;
                case "--port" when verb == AuthVerb.Login: port = Value(); break;
                case "--scopes" when verb is AuthVerb.Login or AuthVerb.Import: scopes = Value(); break;
                case "--no-browser" when verb == AuthVerb.Login: noBrowser = true; break;
                case "--access-token" when verb == AuthVerb.Import: access = Value(); break;
                case "--refresh-token" when verb == AuthVerb.Import: refresh = Value(); break;
                case "--expires-in" when verb == AuthVerb.Import: expiresIn = Value(); break;
                case "--help" or "-h": return null;
                // Never echo the argument: it could be a token pasted in the wrong place.
                default: throw new UsageException($"auth {args[0]} does not take {(name.StartsWith('-') ? $"the option '{name}'" : "that argument")}.");
            }
        }

        if (refresh is not null && access is null)
            throw new UsageException("--refresh-token needs --access-token too (or pass both on stdin).");

        return new AuthCommand
        {
            Verb = verb,
            Account = AccountIds.Parse(account ?? environment(AccountIds.Variable)),
            Port = ParsePort(port),
            Scopes = ParseScopes(scopes),
            NoBrowser = noBrowser,
            AccessToken = access,
            RefreshToken = refresh,
            ExpiresIn = ParseExpiresIn(expiresIn),
        };
    }

    /// <summary>Comma- or space-separated scopes, each one Oura knows.</summary>
    public static IReadOnlyList<string>? ParseScopes(string? text)
    {
        if (text is null) return null;
        var scopes = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Contains("all")) return OuraCatalog.Scopes;
        var unknown = scopes.Where(s => !OuraCatalog.Scopes.Contains(s)).ToList();
        if (unknown.Count > 0 || scopes.Count == 0)
            throw new UsageException($"Unknown scope{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}. Scopes: {string.Join(", ", OuraCatalog.Scopes)} (or all).");
        return scopes;
    }

    private static int ParsePort(string? text)
    {
        if (text is null) return AuthCommand.DefaultRedirectPort;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535) return port;
        throw new UsageException($"--port takes a port number (0 for any free port), not '{text}'.");
    }

    internal static long? ParseExpiresIn(string? text)
    {
        if (text is null) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 10L * 365 * 24 * 3600) return seconds;
        throw new UsageException("--expires-in takes the access token's remaining lifetime in seconds (for example 86400).");
    }
}
