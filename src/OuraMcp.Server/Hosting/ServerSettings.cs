using System.Diagnostics.CodeAnalysis;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// Everything the command line and the environment decide about one server process. A class, not a record, so that
/// no generated <c>ToString</c> can ever print the access token.
/// </summary>
public sealed class ServerSettings
{
    public const int DefaultMaxResponseTokens = 20_000;

    /// <summary>The smallest budget: room for the envelope and at least a few rows.</summary>
    public const int MinMaxResponseTokens = 1_000;

    /// <summary>The largest budget: far above any client's context, and its characters (4 per token) still fit an int.</summary>
    public const int MaxMaxResponseTokens = 10_000_000;

    /// <summary>The bearer token from <c>OURA_ACCESS_TOKEN</c>; null when not signed in. Never logged.</summary>
    public string? AccessToken { get; init; }

    public const string DefaultBaseUrl = "https://api.ouraring.com";

    /// <summary>The Oura API root; <see cref="DefaultBaseUrl"/> when none is given (null).</summary>
    /// <remarks>
    /// Made on first read, not with the settings: a process's first <see cref="Uri"/> costs about 8 ms of start-up
    /// (measured: its parser tables and search values), and a stdio server reads this only on its first tool call.
    /// </remarks>
    [AllowNull]
    public Uri BaseUrl
    {
        get => _baseUrl ??= new Uri(DefaultBaseUrl);
        init => _baseUrl = value;
    }

    private Uri? _baseUrl;

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

    /// <summary>
    /// The secret cursors are signed with (<c>OURA_MCP_CURSOR_KEY</c>), for several server processes that must honour
    /// each other's cursors; null for a random key per process. Never logged.
    /// </summary>
    public string? CursorKey { get; init; }

    /// <summary>The account signed in with <c>auth login</c> whose tokens the tools use when no <see cref="AccessToken"/> is set.</summary>
    public string Account { get; init; } = "default";

    /// <summary>
    /// Where the stored sign-in's settings come from (OURA_TOKEN_STORE, OURA_TOKEN_STORE_KEY, OURA_CLIENT_ID,
    /// OURA_CLIENT_SECRET, OURA_TOKEN_URL): the process environment from the command line. Null: no stored sign-in
    /// is consulted, so a settings object built in code (tests, embedding) never reads the user's token store.
    /// </summary>
    public Func<string, string?>? AccountEnvironment { get; init; }

    /// <summary>A folder of extra prompt templates (<c>--prompts</c>, <c>OURA_MCP_PROMPTS</c>); null for the built-in ones only.</summary>
    public string? PromptsDirectory { get; init; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AccessToken);
}
