using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The built server run as users run it, <c>dotnet OuraMcp.Server.dll --http --port 0 ...</c>, signed out, in UTC. It
/// waits for the URL the server prints to stderr once listening, and keeps the rest of stderr for assertions.
/// </summary>
public sealed partial class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private HttpServerProcess(Process process) => _process = process;

    /// <summary>The MCP endpoint, e.g. http://127.0.0.1:41234/mcp.</summary>
    public Uri Url { get; private set; } = null!;

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static Task<HttpServerProcess> StartAsync(params string[] args) => StartAsync(new Dictionary<string, string>(), args);

    /// <summary>Starts the server with these environment variables set besides the usual ones.</summary>
    public static async Task<HttpServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = ServerProcess.StartInfo(["--http", "--port", "0", .. args]);
        foreach (var (name, value) in environment) info.Environment[name] = value;

        var server = new HttpServerProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The server exited before listening:\n" + server.Stderr));
                return;
            }

            lock (server._stderr) server._stderr.AppendLine(e.Data);
            OuraMcp.Testing.SecretScan.Observe("the HTTP server's stderr", e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["url"].Value));
        };
        server._process.OutputDataReceived += (_, e) => OuraMcp.Testing.SecretScan.Observe("the HTTP server's stdout", e.Data);
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        try
        {
            server.Url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Sends SIGTERM, as a service manager or container runtime stops a process, and waits for the exit.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Sends SIGKILL, as a crash or the OOM killer ends a process: nothing flushed, nothing cleaned up.</summary>
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}

/// <summary>One demo server process shared by the tests of a class: starting one costs about a second.</summary>
public sealed class DemoHttpServer : IAsyncLifetime
{
    public HttpServerProcess Server { get; private set; } = null!;

    public Uri Url => Server.Url;

    // All the tests of a class are one caller (one address) to the rate limit: a budget no class can spend.
    public async Task InitializeAsync() =>
        Server = await HttpServerProcess.StartAsync(new Dictionary<string, string> { ["OURA_MCP_RATE_LIMIT"] = "100000" }, "--demo");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
