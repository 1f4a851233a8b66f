namespace OuraMcp.Server.Hosting;

/// <summary>
/// Everything the command line and the environment decide about one server process. A class, not a record, so that
/// no generated <c>ToString</c> can ever print the access token.
/// </summary>
public sealed class ServerSettings
{
    public const int DefaultMaxResponseTokens = 20_000;

    /// <summary>The bearer token from <c>OURA_ACCESS_TOKEN</c>; null when not signed in. Never logged.</summary>
    public string? AccessToken { get; init; }

    public Uri BaseUrl { get; init; } = new("https://api.ouraring.com");

    /// <summary>Use Oura's sandbox routes (synthetic data Oura serves).</summary>
    public bool Sandbox { get; init; }

    /// <summary>Serve the embedded demo person instead of a real account.</summary>
    public bool Demo { get; init; }

    /// <summary>The user's time zone: it decides what "today" and a local day are.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The toolsets to serve.</summary>
    public IReadOnlySet<string> Toolsets { get; init; } = Tools.Toolsets.Default;

    /// <summary>Serve only tools whose read-only hint is set.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Tool names never to serve.</summary>
    public IReadOnlySet<string> ExcludedTools { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Largest answer, in tokens estimated as characters / 4; a longer answer is cut and continued by cursor.</summary>
    public int MaxResponseTokens { get; init; } = DefaultMaxResponseTokens;

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AccessToken);
}
