using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Tests;

/// <summary>Snapshots of every tool's public contract, and the invariants every tool keeps.</summary>
public sealed partial class ToolDefinitionTests
{
    /// <summary>Every tool: the webhook tools are served only with the Oura app's credentials, so these are set.</summary>
    private static readonly IReadOnlyList<McpServerTool> Tools = Commands.ServedTools(new ServerSettings
    {
        AccessToken = "x",
        AccountEnvironment = name => name switch { "OURA_CLIENT_ID" => "app-id", "OURA_CLIENT_SECRET" => "app-secret", _ => null },
    });

    public static TheoryData<string> ToolNames()
    {
        var data = new TheoryData<string>();
        foreach (var tool in Tools) data.Add(tool.ProtocolTool.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void Tool_schema_matches_its_snapshot(string name)
    {
        var tool = Tools.Single(t => t.ProtocolTool.Name == name).ProtocolTool;
        var snapshot = new JsonObject
        {
            ["name"] = tool.Name,
            ["title"] = tool.Title,
            ["description"] = tool.Description,
            ["annotations"] = JsonSerializer.SerializeToNode(tool.Annotations, McpJsonUtilities.DefaultOptions),
            ["inputSchema"] = JsonNode.Parse(tool.InputSchema.GetRawText()),
            ["outputSchema"] = tool.OutputSchema is { } output ? JsonNode.Parse(output.GetRawText()) : null,
        };
        // Only where a tool has one (the chart app's pointer), so the other snapshots stay as they were.
        if (tool.Meta is { } meta) snapshot["_meta"] = meta.DeepClone();
        var text = snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var path = Path.Combine(RepositoryPaths.Snapshots, name + ".snap");

        if (RepositoryPaths.Update)
        {
            Directory.CreateDirectory(RepositoryPaths.Snapshots);
            File.WriteAllText(path, text);
            return;
        }

        File.Exists(path).Should().BeTrue($"every tool has a snapshot; run the tests with UPDATE_TOOLSNAPS=1 to write {path}");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(text, $"the tool's contract changed; if on purpose, rerun with UPDATE_TOOLSNAPS=1 and review the diff of {name}.snap");
    }

    [Fact]
    public void Every_snapshot_belongs_to_a_tool()
    {
        var names = Tools.Select(t => t.ProtocolTool.Name + ".snap").ToHashSet();
        Directory.GetFiles(RepositoryPaths.Snapshots, "*.snap").Select(Path.GetFileName).Should().OnlyContain(f => names.Contains(f!));
    }

    [Fact]
    public void Every_tool_has_a_known_toolset()
    {
        Tools.Should().OnlyContain(t => ToolSelection.ToolsetOf(t) != null && Toolsets.IsKnown(ToolSelection.ToolsetOf(t)!));
    }

    [Fact]
    public void Every_tool_sets_every_hint_explicitly()
    {
        foreach (var served in Tools)
        {
            var tool = served.ProtocolTool;
            tool.Annotations.Should().NotBeNull(tool.Name);
            tool.Title.Should().NotBeNullOrWhiteSpace(tool.Name);
            tool.Annotations!.OpenWorldHint.Should().Be(true, tool.Name);
            tool.Annotations.IdempotentHint.Should().NotBeNull(tool.Name);
            if (ToolSelection.ToolsetOf(served) == Toolsets.Webhooks)
            {
                // App administration: only list and get read; only delete destroys.
                tool.Annotations.ReadOnlyHint.Should().Be(tool.Name is "list_webhook_subscriptions" or "get_webhook_subscription", tool.Name);
                tool.Annotations.DestructiveHint.Should().Be(tool.Name == "delete_webhook_subscription", tool.Name);
                continue;
            }

            // sync_history writes the server's local history (never anything at Oura); every other tool only reads.
            tool.Annotations.ReadOnlyHint.Should().Be(tool.Name != "sync_history", tool.Name);
            tool.Annotations.DestructiveHint.Should().Be(false, tool.Name);
            tool.Annotations.IdempotentHint.Should().Be(true, tool.Name);
        }
    }

    [Fact]
    public void Tool_names_are_unique_snake_case()
    {
        var names = Tools.Select(t => t.ProtocolTool.Name).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => SnakeCase().IsMatch(n));
    }

    [Fact]
    public void No_input_schema_has_a_top_level_combinator_and_every_parameter_is_described()
    {
        foreach (var tool in Tools.Select(t => t.ProtocolTool))
        {
            var schema = tool.InputSchema;
            foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            {
                schema.TryGetProperty(combinator, out _).Should().BeFalse($"{tool.Name} has a top-level {combinator}");
            }

            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                property.Value.TryGetProperty("description", out _).Should().BeTrue($"{tool.Name}.{property.Name} needs a description");
            }
        }
    }

    [Fact]
    public void Every_tool_declares_an_object_output_schema()
    {
        Tools.Should().OnlyContain(t => t.ProtocolTool.OutputSchema.HasValue && t.ProtocolTool.OutputSchema.Value.GetProperty("type").GetString() == "object");
    }

    [Fact]
    public void Every_catalog_collection_is_reachable_through_some_tool()
    {
        var reachable = Tools.SelectMany(ToolSelection.CollectionsOf).ToHashSet();

        reachable.Should().BeSubsetOf(OuraCatalog.All.Select(c => c.Name), "tools name catalog collections exactly");
        OuraCatalog.All.Select(c => c.Name).Should().BeSubsetOf(reachable);
    }

    [Fact]
    public void Document_lookup_reads_exactly_the_collections_with_a_document_route()
    {
        var tool = Tools.Single(t => t.ProtocolTool.Name == "get_document");

        ToolSelection.CollectionsOf(tool).Should().BeEquivalentTo(OuraCatalog.All.Where(c => c.HasDocumentRoute).Select(c => c.Name));
    }

    [Fact]
    public void Toolsets_read_only_and_exclusions_narrow_the_served_tools()
    {
        var narrowed = Commands.ServedTools(new ServerSettings
        {
            Toolsets = new HashSet<string> { Toolsets.Sleep, Toolsets.Heart },
            ReadOnly = true,
            ExcludedTools = new HashSet<string> { "get_stress" },
        });

        narrowed.Select(t => t.ProtocolTool.Name).Should().BeEquivalentTo("get_sleep", "get_sleep_series", "get_sleep_time", "get_heart_rate", "get_cardiovascular_age", "get_vo2_max");
    }

    [Fact]
    public void The_README_tool_table_is_generated_from_the_tool_definitions()
    {
        var current = File.ReadAllText(RepositoryPaths.ToolsDoc).ReplaceLineEndings("\n");
        var expected = ToolTable.Splice(current, ToolTable.Markdown(Tools));

        if (RepositoryPaths.Update)
        {
            File.WriteAllText(RepositoryPaths.ToolsDoc, expected);
            return;
        }

        current.Should().Be(expected, "the README's tool table drifted from the tools; rerun the tests with UPDATE_TOOLSNAPS=1 (or paste `OuraMcp.Server tools --markdown`)");
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
