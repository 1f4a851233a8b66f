using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Accounts;

/// <summary>
/// Everything the server processes of one test printed, stdout and stderr, kept so the test can assert that no
/// token, code or secret ever appeared in it.
/// </summary>
public sealed class ProcessOutput
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string source, string line)
    {
        OuraMcp.Testing.SecretScan.Observe(source, line);
        _lines.Enqueue($"[{source}] {line}");
    }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public void ShouldNotContainAny(params string?[] secrets)
    {
        var text = string.Join("\n", _lines);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
            text.Contains(secret!, StringComparison.Ordinal).Should().BeFalse("no token, code or secret may appear in what the server prints");
    }
}

/// <summary>
/// The real server executable (<c>dotnet OuraMcp.Server.dll</c>) driven over stdio by hand: newline-delimited
/// JSON-RPC, requests matched to responses by id, so any number of calls can be in flight at once.
/// </summary>
public sealed class StdioServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Task _stdout, _stderr;
    private int _nextId;

    private StdioServerProcess(Process process, ProcessOutput output, string name)
    {
        _process = process;
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                output.Add(name + " stdout", line);
                Dispatch(line);
            }
            foreach (var waiting in _pending.Values) waiting.TrySetException(new IOException($"{name} closed stdout (exit code {(process.HasExited ? process.ExitCode : -1)})."));
        });
        _stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line) output.Add(name + " stderr", line);
        });
    }

    public static async Task<StdioServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, ProcessOutput output, string name)
    {
        var info = ServerProcess.StartInfo();
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var server = new StdioServerProcess(Process.Start(info)!, output, name);
        await server.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "refresh-race-test", ["version"] = "1.0" },
        });
        await server.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        return server;
    }

    /// <summary>Calls a tool; returns the <c>result</c> (a CallToolResult), failing on a JSON-RPC error.</summary>
    public Task<JsonElement> CallToolAsync(string tool, JsonObject arguments) =>
        RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments });

    public async Task<JsonElement> RequestAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var response = await answer.Task.WaitAsync(CallTimeout);
        response.TryGetProperty("error", out var error).Should().BeFalse($"{method} must not fail at the protocol level: {error}");
        return response.GetProperty("result");
    }

    private async Task WriteAsync(JsonObject message)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(message.ToJsonString());
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void Dispatch(string line)
    {
        JsonElement message;
        try { message = JsonDocument.Parse(line).RootElement.Clone(); }
        catch (JsonException) { return; }
        // Responses only: server-to-client requests and notifications (logging, progress) are not expected here.
        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && !message.TryGetProperty("method", out _)
            && _pending.TryRemove(id.GetInt32(), out var waiting))
            waiting.TrySetResult(message);
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // This process only: it is ours and did not stop on end of input.
            _process.Kill(entireProcessTree: true);
        }
        await Task.WhenAll(_stdout, _stderr).WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}

/// <summary>Reading a CallToolResult received as raw JSON.</summary>
public static class RawToolResult
{
    public static bool IsError(this JsonElement result) => result.TryGetProperty("isError", out var e) && e.ValueKind == JsonValueKind.True;

    public static string Text(this JsonElement result) =>
        string.Join("\n", result.GetProperty("content").EnumerateArray()
            .Where(b => b.TryGetProperty("text", out _)).Select(b => b.GetProperty("text").GetString()));
}
