using System.Diagnostics;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Http;

/// <summary>
/// The hosted endpoint lives in a room of its own (src/OuraMcp.Hosting) that stdio never loads: a stdio session, from
/// <c>initialize</c> to a tool call, loads no ASP.NET Core, no SDK HTTP transport and not the hosting assembly itself.
/// Read from the server's own list of loaded assemblies (<c>OURA_MCP_STARTUP_TRACE=1</c> prints it when the session ends).
/// </summary>
public sealed class StdioLoadsNoWebAssemblyTests
{
    [Fact]
    public async Task A_stdio_session_loads_no_aspnetcore_assembly()
    {
        var loaded = await LoadedAssembliesAsync();

        loaded.Should().Contain(["OuraMcp.Server", "ModelContextProtocol.Core"], "the list is the session's real one");
        loaded.Should().NotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        loaded.Should().NotContain(["ModelContextProtocol.AspNetCore", "OuraMcp.Hosting"]);
        loaded.Should().NotContain(["ScottPlot", "SkiaSharp"], "only the plot tool draws PNGs");
    }

    private static async Task<IReadOnlyList<string>> LoadedAssembliesAsync()
    {
        // Signed out, with an empty configuration directory: the tool call answers with how to sign in, offline.
        var config = Directory.CreateTempSubdirectory("oura-mcp-stdio-");
        try
        {
            var info = ServerProcess.StartInfo();
            info.Environment["OURA_MCP_STARTUP_TRACE"] = "1";
            info.Environment["XDG_CONFIG_HOME"] = config.FullName;
            foreach (var name in new[] { "OURA_TOKEN_STORE", "OURA_TOKEN_STORE_KEY", "OURA_CLIENT_ID", "OURA_CLIENT_SECRET" }) info.Environment.Remove(name);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string[] requests =
            [
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"stdio-test","version":"1"}}}""",
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
                """{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""",
                """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_daily_summary","arguments":{}}}""",
            ];
            foreach (var request in requests) await process.StandardInput.WriteLineAsync(request);
            await process.StandardInput.FlushAsync();
            // Every answer read before stdin closes, so the session really served the tool call.
            for (var answered = 0; answered < 3;)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                line.Should().NotBeNull();
                if (line!.Contains("\"id\":", StringComparison.Ordinal)) answered++;
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var report = (await stderr).Split('\n').Should().ContainSingle(l => l.Contains("[startup] assemblies loaded: ", StringComparison.Ordinal)).Subject;
            return report[(report.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim().Split(", ");
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }
}
