using System.Globalization;
using System.Net;
using OuraMcp.Accounts.Storage;
using OuraMcp.Hosting;
using OuraMcp.Hosting.Telemetry;

namespace OuraMcp.Server.Cli;

/// <summary>
/// The <c>--http</c> options as the command line gave them (null: not given). Kept raw until the HTTP mode starts:
/// the options they become are types of the hosted endpoint (src/OuraMcp.Hosting), which stdio never loads.
/// </summary>
public sealed record HttpFlags(string? Port, string? Bind, string? Origins, string? Auth, string? PublicUrl);

/// <summary>
/// The <c>--http</c> options (<c>--port</c>, <c>--bind</c>, <c>--allowed-origins</c>, <c>--auth</c>,
/// <c>--public-url</c>) and their environment variables, checked together: a combination that would serve the
/// Oura account to the network without a credential is refused before anything listens.
/// </summary>
public static class HttpCommandLine
{
    public const string AuthVariable = "OURA_MCP_AUTH";
    public const string ApiKeyVariable = "OURA_MCP_API_KEY";
    public const string PublicUrlVariable = "OURA_MCP_PUBLIC_URL";
    public const string RateLimitVariable = "OURA_MCP_RATE_LIMIT";
    public const string DataDirectoryVariable = "OURA_MCP_DATA_DIR";
    public const string AccessTokenSecondsVariable = "OURA_MCP_ACCESS_TOKEN_SECONDS";

    /// <summary>Shorter keys can be guessed; 32 characters is what <c>openssl rand -base64 24</c> prints.</summary>
    public const int MinimumApiKeyLength = 32;

    /// <summary>The listen options the flags and the environment ask for; wrong or unsafe ones are usage errors.</summary>
    public static HttpListenOptions Parse(HttpFlags flags, Func<string, string?> environment)
    {
        var bind = ParseBind(flags.Bind);
        var auth = ParseAuth(flags.Auth ?? environment(AuthVariable));
        if (flags.PublicUrl is not null && auth is not EndpointAuth.OAuth) throw new UsageException("--public-url goes with --auth oauth.");

        var options = new HttpListenOptions
        {
            Port = ParsePort(flags.Port),
            Bind = bind,
            AllowedOrigins = Split(flags.Origins).Select(ParseOrigin).Distinct(StringComparer.Ordinal).ToList(),
            Auth = auth,
            ApiKey = auth is EndpointAuth.ApiKey ? ParseApiKey(environment(ApiKeyVariable)) : null,
            PublicUrl = auth is EndpointAuth.OAuth ? ParsePublicUrl(flags.PublicUrl ?? environment(PublicUrlVariable)) : null,
            DataDirectory = auth is EndpointAuth.OAuth ? DataDirectory(environment) : null,
            AccessTokenLifetime = ParseAccessTokenLifetime(environment(AccessTokenSecondsVariable)),
            OAuthPostgres = auth is EndpointAuth.OAuth ? FileTokenStoreOptions.FromEnvironment(environment).PostgresConnectionString : null,
            RequestsPerMinute = ParseRateLimit(environment(RateLimitVariable)),
            Telemetry = OpenTelemetryExport.Variables
                .Select(name => (name, value: environment(name)))
                .Where(setting => !string.IsNullOrWhiteSpace(setting.value))
                .ToDictionary(setting => setting.name, setting => setting.value!.Trim(), StringComparer.Ordinal),
        };

        if (auth is EndpointAuth.None && !options.IsLoopback)
        {
            throw new UsageException(
                $"--bind {bind} would let anyone who can reach this machine read the Oura account, and --auth none asks callers for no credential. " +
                $"Keep the default (127.0.0.1), or set {ApiKeyVariable} and add --auth api-key so that callers must send it as their bearer token.");
        }

        return options;
    }

    private static EndpointAuth ParseAuth(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => EndpointAuth.None,
        "api-key" => EndpointAuth.ApiKey,
        "oauth" => EndpointAuth.OAuth,
        _ => throw new UsageException($"--auth (or {AuthVariable}) takes none, api-key or oauth, not '{text}'."),
    };

    private static string ParseApiKey(string? key)
    {
        // The key itself is never echoed: only whether it is there and how long it must be.
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException(
                $"--auth api-key needs {ApiKeyVariable}: a secret of at least {MinimumApiKeyLength} characters that clients send as " +
                "'Authorization: Bearer <key>'. Make one with `openssl rand -base64 32`.");
        }

        if (key.Trim().Length < MinimumApiKeyLength)
        {
            throw new UsageException($"{ApiKeyVariable} is too short to resist guessing: use at least {MinimumApiKeyLength} characters, e.g. from `openssl rand -base64 32`.");
        }

        return key.Trim();
    }

    /// <summary>The external base URL: https (http only for a loopback host, for trying it out), no query or fragment.</summary>
    private static Uri ParsePublicUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"--auth oauth needs the server's external base URL: --public-url https://oura.example (or {PublicUrlVariable}).");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") ||
            url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new UsageException($"--public-url takes an https URL such as https://oura.example or https://example.org/oura, not '{text}'.");
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            throw new UsageException($"--public-url must be https: OAuth sends codes and tokens to it ('{text}' is plain http on a host other than this machine).");
        }

        return url;
    }

    /// <summary>
    /// Where the authorization server keeps its database: <c>OURA_MCP_DATA_DIR</c>, else beside a file token store,
    /// else the configuration directory the token store defaults to.
    /// </summary>
    private static string DataDirectory(Func<string, string?> environment)
    {
        if (environment(DataDirectoryVariable) is { Length: > 0 } directory) return Path.GetFullPath(directory);
        var store = FileTokenStoreOptions.FromEnvironment(environment);
        if (!store.IsPostgres) return Path.GetDirectoryName(store.Path)!;
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome)) configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "oura-mcp");
    }

    private static TimeSpan ParseAccessTokenLifetime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new HttpListenOptions().AccessTokenLifetime;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400) return TimeSpan.FromSeconds(seconds);
        throw new UsageException($"{AccessTokenSecondsVariable} takes how long issued access tokens last, in seconds (1 to 86400), not '{text}'.");
    }

    private static int ParseRateLimit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new HttpListenOptions().RequestsPerMinute;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var perMinute) && perMinute is >= 1 and <= 1_000_000) return perMinute;
        throw new UsageException($"{RateLimitVariable} takes the requests one caller may make per minute (1 or more), not '{text}'.");
    }

    private static int ParsePort(string? text)
    {
        if (text is null) return HttpListenOptions.DefaultPort;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65_535) return port;
        throw new UsageException($"--port takes a TCP port (0 to 65535), not '{text}'.");
    }

    private static IPAddress ParseBind(string? text)
    {
        if (text is null) return IPAddress.Loopback;
        if (string.Equals(text.Trim(), "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(text.Trim().Trim('[', ']'), out var address)) return address;
        throw new UsageException($"--bind takes an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not '{text}'.");
    }

    private static string ParseOrigin(string text) =>
        HttpListenOptions.NormalizeOrigin(text) ?? throw new UsageException($"--allowed-origins takes origins such as https://app.example or http://host:3000, not '{text}'.");

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
