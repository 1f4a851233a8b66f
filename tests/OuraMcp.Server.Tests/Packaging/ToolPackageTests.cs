using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using ModelContextProtocol.Client;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Packaging;

/// <summary>
/// The server as people install it: packed as the .NET tool <c>OuraMcp</c>, installed from a local folder into a
/// temporary tool path, and run through its <c>oura-mcp</c> command, on the demo person (no account, no network).
/// The tool is a small package that names one package per platform; only this machine's platform is packed here (a
/// release packs them all), and <c>dotnet tool install</c> picks it as it would from nuget.org. Packing builds and
/// precompiles the server in Release, so the whole test takes a few minutes.
/// </summary>
public sealed class ToolPackageTests : IClassFixture<ToolPackageTests.InstalledTool>
{
    private readonly InstalledTool _tool;

    public ToolPackageTests(InstalledTool tool) => _tool = tool;

    [Fact]
    public void The_package_is_an_mcp_server_tool_whose_server_json_names_its_own_version()
    {
        using var package = ZipFile.OpenRead(_tool.Package);
        var nuspec = Read(package, "OuraMcp.nuspec");
        nuspec.Should().Contain("<packageType name=\"DotnetTool\" />").And.Contain("<packageType name=\"McpServer\" />")
            .And.Contain($"<version>{ServerComposition.Version}</version>").And.Contain("<readme>README.md</readme>");
        Read(package, "tools/any/any/DotnetToolSettings.xml").Should().Contain("<Command Name=\"oura-mcp\"")
            .And.Contain($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{InstalledTool.Platform}\" Id=\"OuraMcp.{InstalledTool.Platform}\" />");

        using var server = JsonDocument.Parse(Read(package, ".mcp/server.json"));
        server.RootElement.GetProperty("version").GetString().Should().Be(ServerComposition.Version);
        var entry = server.RootElement.GetProperty("packages")[0];
        entry.GetProperty("identifier").GetString().Should().Be("OuraMcp");
        entry.GetProperty("version").GetString().Should().Be(ServerComposition.Version);
        entry.GetProperty("registryType").GetString().Should().Be("nuget");
        // Every variable it advertises is one the server reads.
        var read = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Aggregate(string.Concat);
        foreach (var variable in entry.GetProperty("environmentVariables").EnumerateArray())
        {
            read.Should().Contain($"\"{variable.GetProperty("name").GetString()}\"");
        }
    }

    [Fact]
    public void The_platforms_package_runs_the_server_precompiled()
    {
        using var package = ZipFile.OpenRead(_tool.PlatformPackage);
        var folder = $"tools/net10.0/{InstalledTool.Platform}/";
        Read(package, folder + "DotnetToolSettings.xml").Should().Contain("<Command Name=\"oura-mcp\" EntryPoint=\"OuraMcp.Server\" Runner=\"executable\" />");

        // ReadyToRun code is what makes this package start faster than the portable one.
        using var assembly = new MemoryStream();
        using (var entry = (package.GetEntry(folder + "OuraMcp.Server.dll") ?? throw new InvalidOperationException("OuraMcp.Server.dll is not in the package.")).Open())
            entry.CopyTo(assembly);
        assembly.Position = 0;
        using var image = new PEReader(assembly);
        image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.Should().BeGreaterThan(0, "the server's assembly should hold ReadyToRun code");

        // Only this platform's native libraries: the other platforms' belong in their own packages.
        package.Entries.Select(e => e.FullName).Where(n => n.Contains("/runtimes/", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_installed_command_prints_its_version_and_answers_a_demo_call()
    {
        (await _tool.RunAsync("--version")).Stdout.Trim().Should().Be(ServerComposition.Version);

        var call = await _tool.RunAsync("--demo", "call", "get_daily_summary");
        call.ExitCode.Should().Be(0, call.Stderr);
        call.Stdout.Should().StartWith("Daily summary ").And.Contain("day,sleep_score,readiness_score");
    }

    [Fact]
    public async Task The_installed_command_serves_mcp_over_stdio()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = _tool.Command,
            Arguments = ["--demo"],
            EnvironmentVariables = new Dictionary<string, string?> { ["OURA_ACCESS_TOKEN"] = null },
        });
        await using var client = await McpClient.CreateAsync(transport);

        client.ServerInfo.Should().NotBeNull();
        client.ServerInfo!.Name.Should().Be(ServerComposition.ServerName);
        client.ServerInfo.Version.Should().Be(ServerComposition.Version);
        var tools = await client.ListToolsAsync();
        tools.Select(t => t.Name).Should().Contain("get_daily_summary").And.HaveCount(DefinedTools.Count);
    }

    private static string Read(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path) ?? throw new InvalidOperationException($"{path} is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Packs the server once and installs it with <c>dotnet tool install --tool-path</c> from that folder.</summary>
    public sealed class InstalledTool : IAsyncLifetime
    {
        private readonly string _root = Directory.CreateTempSubdirectory("oura-mcp-tool-").FullName;

        /// <summary>The platform packed here: this machine's.</summary>
        public static string Platform => RuntimeInformation.RuntimeIdentifier;

        /// <summary>The package people name (<c>OuraMcp</c>): the tool's description and its platforms.</summary>
        public string Package { get; private set; } = "";

        /// <summary>The package for <see cref="Platform"/>, holding the server itself.</summary>
        public string PlatformPackage { get; private set; } = "";

        public string Command => Path.Combine(_root, "tools", "oura-mcp");

        public async Task InitializeAsync()
        {
            var feed = Path.Combine(_root, "feed");
            var pack = await DotnetAsync("pack", Path.Combine(RepositoryPaths.Root, "src", "OuraMcp.Server"), "-c", "Release", "-o", feed,
                // Its own output folders, so packing never races the test run's build of the same projects.
                "--artifacts-path", Path.Combine(_root, "artifacts"), $"-p:OuraToolPlatforms={Platform}");
            pack.ExitCode.Should().Be(0, pack.Stdout + pack.Stderr);
            Package = Path.Combine(feed, $"OuraMcp.{ServerComposition.Version}.nupkg");
            PlatformPackage = Path.Combine(feed, $"OuraMcp.{Platform}.{ServerComposition.Version}.nupkg");

            var install = await DotnetAsync("tool", "install", "OuraMcp", "--tool-path", Path.Combine(_root, "tools"), "--source", feed,
                "--version", ServerComposition.Version);
            install.ExitCode.Should().Be(0, install.Stdout + install.Stderr);
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        }

        public Task<ServerProcess.Outcome> RunAsync(params string[] args) => RunProcessAsync(Command, args);

        private static Task<ServerProcess.Outcome> DotnetAsync(params string[] args) => RunProcessAsync("dotnet", args);

        private static async Task<ServerProcess.Outcome> RunProcessAsync(string command, string[] args)
        {
            var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            info.Environment.Remove("OURA_ACCESS_TOKEN");
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await process.WaitForExitAsync(timeout.Token);
            return new ServerProcess.Outcome(process.ExitCode, await stdout, await stderr);
        }
    }
}
