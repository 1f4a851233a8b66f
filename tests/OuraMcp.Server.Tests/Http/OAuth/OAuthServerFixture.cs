using System.Net;
using System.Net.Sockets;
using OuraMcp.FakeOura;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// The server run as a host runs it, <c>--http --auth oauth --public-url http://127.0.0.1:PORT</c>, a process of its
/// own, signing people in to the fake Oura (a real HTTP server on loopback: authorize page, both token endpoints,
/// personal_info and the data), with its database and token store in a directory of its own.
/// </summary>
public class OAuthServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oura-mcp-oauth-" + Guid.NewGuid().ToString("N"));

    public FakeOuraServer Oura { get; private set; } = null!;

    /// <summary>The server's data directory (OURA_MCP_DATA_DIR).</summary>
    public string DataDirectory => _directory;

    public HttpServerProcess Server { get; private set; } = null!;

    /// <summary>The public URL, which is also the issuer (without the trailing slash).</summary>
    public Uri PublicUrl { get; private set; } = null!;

    public Uri McpUrl => Url("/mcp");

    /// <summary>A URL of the server as clients see it: <paramref name="path"/> under the public URL (and its path, if any).</summary>
    public Uri Url(string path) => new(PublicUrl.AbsoluteUri.TrimEnd('/') + path);

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Oura = await FakeOuraServer.StartAsync(OuraOptions());
        var port = FreePort();
        PublicUrl = new Uri($"http://127.0.0.1:{port}{PublicPath}");
        await StartAsync();
    }

    /// <summary>The path of the public URL (empty: the host's root).</summary>
    protected virtual string PublicPath => "";

    /// <summary>The fake Oura's options: who can sign in, and how.</summary>
    protected virtual FakeOuraOptions OuraOptions() => new();

    /// <summary>Starts the server at <see cref="PublicUrl"/>: a process of its own unless overridden.</summary>
    protected virtual async Task StartAsync() => Server = await StartServerAsync(PublicUrl);

    /// <summary>The token store (OURA_TOKEN_STORE); null for a SQLite file in the data directory.</summary>
    protected virtual string? TokenStore => null;

    protected virtual string? TokenStoreKey => null;

    /// <summary>The history store (OURA_HISTORY_STORE); null for none, as a hosted server runs by default.</summary>
    protected virtual string? HistoryStore => null;

    /// <summary>Seconds an access token lives; the default is the server's own.</summary>
    protected virtual int? AccessTokenSeconds => null;

    /// <summary>Variables the server process gets besides the fixture's own (e.g. a small Oura app budget, telemetry).</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreEnvironment => new Dictionary<string, string>();

    /// <summary>More of the server's environment that needs the fake Oura running (e.g. OURA_MCP_ADMINS).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> MoreEnvironmentAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>
    /// A server process at <paramref name="publicUrl"/> on this fixture's data directory and fake Oura, listening on
    /// <paramref name="port"/> (the public URL's by default; another for a second instance behind the same URL).
    /// </summary>
    public async Task<HttpServerProcess> StartServerAsync(Uri publicUrl, int? port = null)
    {
        var environment = ServerEnvironment();
        foreach (var (name, value) in await MoreEnvironmentAsync()) environment[name] = value;
        return await HttpServerProcess.StartAsync(environment, "--auth", "oauth", "--public-url", publicUrl.AbsoluteUri,
            "--port", (port ?? publicUrl.Port).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The server's environment: the fake Oura's app and endpoints, and the stores in the data directory.</summary>
    protected Dictionary<string, string> ServerEnvironment()
    {
        var oura = Oura.BaseAddress.AbsoluteUri.TrimEnd('/');
        var environment = new Dictionary<string, string>
        {
            ["OURA_CLIENT_ID"] = FakeDefaults.ClientId,
            ["OURA_CLIENT_SECRET"] = FakeDefaults.ClientSecret,
            ["OURA_AUTHORIZE_URL"] = oura + "/oauth/authorize",
            ["OURA_TOKEN_URL"] = oura + "/oauth/token",
            ["OURA_API_BASE_URL"] = oura,
            ["OURA_TOKEN_STORE"] = TokenStore ?? Path.Combine(_directory, "tokens.db"),
            ["OURA_MCP_DATA_DIR"] = _directory,
            ["OURA_MCP_RATE_LIMIT"] = "100000",
        };
        foreach (var (name, value) in MoreEnvironment) environment[name] = value;
        if (TokenStoreKey is { } key) environment["OURA_TOKEN_STORE_KEY"] = key;
        if (HistoryStore is { } history) environment["OURA_HISTORY_STORE"] = history;
        if (AccessTokenSeconds is { } seconds) environment["OURA_MCP_ACCESS_TOKEN_SECONDS"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>The email of the person the fake Oura signs in, as its own personal_info says (not a value written into a test).</summary>
    public async Task<string> FakePersonEmailAsync()
    {
        var grant = await Oura.OAuth.IssueAsync(FakeDefaults.ClientId);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Oura.BaseAddress, "/v2/usercollection/personal_info"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", grant.AccessToken);
        using var response = await http.SendAsync(request);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("email").GetString()!;
    }

    public virtual async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        await Oura.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The same, with access tokens that expire four seconds after they are issued.</summary>
public sealed class ShortLivedTokensFixture : OAuthServerFixture
{
    protected override int? AccessTokenSeconds => 4;
}

/// <summary>The same, keeping a history in the data directory, so newly connected people are backfilled.</summary>
public sealed class HistoryKeepingFixture : OAuthServerFixture
{
    protected override string? HistoryStore => Path.Combine(DataDirectory, "history.db");
}
