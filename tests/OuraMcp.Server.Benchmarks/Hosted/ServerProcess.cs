using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OuraMcp.FakeOura;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>The built server run as users run it (<c>dotnet OuraMcp.Server.dll …</c>), for the hosted benchmarks.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "OuraMcp.Server.dll");

    /// <summary>The MCP endpoint of an HTTP server.</summary>
    public Uri Url { get; private set; } = null!;

    public int Id => _process.Id;

    /// <summary>Starts <c>--http --port 0</c> with these arguments and variables; returns once it is listening.</summary>
    public static Task<ServerProcess> StartHttpAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartHttpAsync(Dll, environment, args);

    /// <summary>As <see cref="StartHttpAsync(IReadOnlyDictionary{string, string}, string[])"/>, from the build <paramref name="dll"/>.</summary>
    public static async Task<ServerProcess> StartHttpAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[dll, "--http", "--port", "0", .. args]) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var server = new ServerProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) listening.TrySetException(new InvalidOperationException("The server exited before listening."));
            else if (Listening().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["url"].Value));
        };
        server._process.OutputDataReceived += (_, _) => { };
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        server.Url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        return server;
    }

    /// <summary>
    /// <c>--auth oauth</c> at <c>http://127.0.0.1:PORT</c>, signing people in to <paramref name="oura"/>, with its
    /// database and token store (SQLite) in <paramref name="directory"/>; from the build <paramref name="dll"/>, or this one.
    /// </summary>
    public static Task<ServerProcess> StartOAuthAsync(FakeOuraServer oura, string directory, IReadOnlyDictionary<string, string>? more = null, string? dll = null)
    {
        var port = FreePort();
        var upstream = oura.BaseAddress.AbsoluteUri.TrimEnd('/');
        var environment = new Dictionary<string, string>
        {
            ["OURA_CLIENT_ID"] = FakeDefaults.ClientId,
            ["OURA_CLIENT_SECRET"] = FakeDefaults.ClientSecret,
            ["OURA_AUTHORIZE_URL"] = upstream + "/oauth/authorize",
            ["OURA_TOKEN_URL"] = upstream + "/oauth/token",
            ["OURA_API_BASE_URL"] = upstream,
            ["OURA_TOKEN_STORE"] = Path.Combine(directory, "tokens.db"),
            ["OURA_MCP_DATA_DIR"] = directory,
            ["XDG_CONFIG_HOME"] = directory,
            ["OURA_MCP_RATE_LIMIT"] = "1000000",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string>()) environment[name] = value;
        return StartHttpAsync(dll ?? Dll, environment, "--auth", "oauth", "--public-url", $"http://127.0.0.1:{port}", "--port", port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The public URL of a server started with <see cref="StartOAuthAsync"/>.</summary>
    public Uri PublicUrl => new(Url.GetLeftPart(UriPartial.Authority));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The process's resident memory (VmRSS), as the operating system counts it.</summary>
    public long WorkingSetBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
