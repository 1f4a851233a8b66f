using System.Text.Json;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>mcp.json is what users paste into Claude, Cursor and VS Code: it must start this server as it is.</summary>
public sealed class ClientConfigurationTests
{
    public static TheoryData<string, string> Servers()
    {
        var data = new TheoryData<string, string>();
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "mcp.json")));
        foreach (var section in new[] { "mcpServers", "servers" })
            foreach (var server in config.RootElement.GetProperty(section).EnumerateObject())
                data.Add(section, server.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Each_configured_server_runs_the_server_project_with_options_it_accepts(string section, string name)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "mcp.json")));
        var server = config.RootElement.GetProperty(section).GetProperty(name);
        if (server.TryGetProperty("url", out var url))
        {
            // A hosted server (docs/http.md): streamable HTTP at /mcp, over https, with the API key as the bearer.
            server.GetProperty("type").GetString().Should().Be("http");
            new Uri(url.GetString()!).Should().Match<Uri>(u => u.Scheme == "https" && u.AbsolutePath == "/mcp");
            server.GetProperty("headers").GetProperty("Authorization").GetString().Should().StartWith("Bearer ${");
            return;
        }

        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();

        server.GetProperty("command").GetString().Should().Be("dotnet");
        args.Take(3).Should().Equal("run", "--project", "src/OuraMcp.Server");
        File.Exists(Path.Combine(RepositoryPaths.Root, "src", "OuraMcp.Server", "OuraMcp.Server.csproj")).Should().BeTrue();

        var serverArgs = args.SkipWhile(a => a != "--").Skip(1).ToList();
        var parsed = CommandLine.Parse(serverArgs, _ => null);
        parsed.Kind.Should().Be(CommandKind.Serve, "a client configuration starts the stdio server");
        parsed.Settings.Demo.Should().Be(name.EndsWith("-demo", StringComparison.Ordinal));
        if (section == "servers") server.GetProperty("type").GetString().Should().Be("stdio");
    }

    [Fact]
    public void The_Dockerfile_publishes_the_server_project_and_carries_the_prompts()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

        dockerfile.Should().Contain("dotnet publish src/OuraMcp.Server").And.Contain("COPY prompts/ prompts/")
            .And.Contain("ENTRYPOINT [\"/app/OuraMcp.Server\"]", "stdio stays the default command")
            .And.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:", "the publish is self-contained: it carries its own .NET")
            .And.Contain("--http --auth api-key");
    }
}
