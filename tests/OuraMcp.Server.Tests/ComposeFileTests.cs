using System.Text.RegularExpressions;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace OuraMcp.Server.Tests;

/// <summary>
/// compose.yaml runs the hosted setup. There is no container engine here, so the file is read as data: every variable
/// it gives the server is one the server reads, its command is one the server accepts, and both services are checked
/// for health before they are relied on.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Services = Load();

    [Fact]
    public void Every_variable_compose_sets_for_the_server_is_one_the_server_reads()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).Aggregate(string.Concat);

        var variables = Environment(Server).Keys.ToList();

        variables.Should().Contain(["OURA_MCP_PUBLIC_URL", "OURA_CLIENT_ID", "OURA_CLIENT_SECRET", "OURA_TOKEN_STORE", "OURA_TOKEN_STORE_KEY"]);
        variables.Should().OnlyContain(v => sources.Contains($"\"{v}\""), "compose must not set what the server ignores");
    }

    [Fact]
    public void The_servers_command_is_oauth_on_every_address_and_the_server_accepts_it_with_composes_environment()
    {
        var command = ((YamlSequenceNode)Server.Children[new YamlScalarNode("command")]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();
        var values = Environment(Server).ToDictionary(p => p.Key, p => Interpolate(p.Value));

        var parsed = CommandLine.Parse(command, name => values.GetValueOrDefault(name));
        var listen = HttpCommandLine.Parse(parsed.Http!, name => values.GetValueOrDefault(name));

        listen.Auth.Should().Be(OuraMcp.Hosting.EndpointAuth.OAuth);
        listen.IsLoopback.Should().BeFalse();
        listen.PublicUrl!.ToString().Should().StartWith("https://oura.example");
        listen.OAuthPostgres.Should().NotBeNull("the people's tokens and the authorization server live in compose's PostgreSQL");
        listen.Telemetry.Should().ContainKey("OTEL_EXPORTER_OTLP_ENDPOINT", "a .env naming a collector turns the OTLP export on");
    }

    [Fact]
    public void The_server_waits_for_a_healthy_database_and_both_have_health_checks()
    {
        var postgres = (YamlMappingNode)Services.Children[new YamlScalarNode("postgres")];
        postgres.Children.Should().ContainKey(new YamlScalarNode("healthcheck"));
        Server.Children.Should().ContainKey(new YamlScalarNode("healthcheck"));
        var dependsOn = (YamlMappingNode)Server.Children[new YamlScalarNode("depends_on")];
        ((YamlScalarNode)((YamlMappingNode)dependsOn.Children[new YamlScalarNode("postgres")]).Children[new YamlScalarNode("condition")]).Value
            .Should().Be("service_healthy");
        ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)Server.Children[new YamlScalarNode("healthcheck")]).Children[new YamlScalarNode("test")]).Children[^1]).Value
            .Should().Contain("/healthz");
    }

    private static YamlMappingNode Server => (YamlMappingNode)Services.Children[new YamlScalarNode("oura-mcp")];

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service.Children[new YamlScalarNode("environment")]).Children
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    /// <summary>Compose's ${NAME}, ${NAME:?message} and ${NAME:-default} with sample values, as a .env file would give them.</summary>
    private static string Interpolate(string value) => Reference().Replace(value, m => m.Groups["name"].Value switch
    {
        "OURA_MCP_PUBLIC_URL" => "https://oura.example",
        "OURA_TOKEN_STORE_KEY" or "OURA_MCP_CURSOR_KEY" => Convert.ToBase64String(new byte[32]),
        "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://otel-collector:4318",
        "OTEL_EXPORTER_OTLP_PROTOCOL" => "http/protobuf",
        var name => "sample-" + name.ToLowerInvariant(),
    });

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(:[?-][^}]*)?\}")]
    private static partial Regex Reference();
}
