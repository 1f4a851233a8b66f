using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OuraMcp.Server.Prompts;

/// <summary>
/// A prompt template's YAML front matter, read from YamlDotNet's node tree rather than by its reflection-based
/// deserializer, which a Native AOT build cannot run (docs/performance-server.md, Native AOT). Keys are snake_case;
/// an unknown key, or a value of the wrong shape, is a <see cref="FormatException"/> naming the file.
/// </summary>
internal sealed record PromptFrontMatter(string? Name, string? Title, string? Description, IReadOnlyList<PromptFrontMatter.Argument> Arguments)
{
    internal sealed record Argument(string? Name, string? Description, bool Required, string? Default, string? Format, int? Minimum, int? Maximum);

    /// <summary>Reads the front matter; a YAML syntax error is a <see cref="YamlException"/>.</summary>
    public static PromptFrontMatter Read(string source, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return new(null, null, null, []);
        var root = Mapping(source, "the front matter", stream.Documents[0].RootNode);

        string? name = null, title = null, description = null;
        var arguments = new List<Argument>();
        foreach (var (key, value) in Entries(source, "the front matter", root, "name", "title", "description", "arguments"))
        {
            switch (key)
            {
                case "name": name = Text(source, key, value); break;
                case "title": title = Text(source, key, value); break;
                case "description": description = Text(source, key, value); break;
                default:
                    var list = value as YamlSequenceNode ?? throw new FormatException($"{source}: 'arguments' is a list.");
                    arguments.AddRange(list.Children.Select(a => ReadArgument(source, a)));
                    break;
            }
        }

        return new(name, title, description, arguments);
    }

    private static Argument ReadArgument(string source, YamlNode node)
    {
        var argument = new Argument(null, null, false, null, null, null, null);
        var entries = Entries(source, "an argument", Mapping(source, "every argument", node),
            "name", "description", "required", "default", "format", "minimum", "maximum");
        foreach (var (key, value) in entries)
        {
            argument = key switch
            {
                "name" => argument with { Name = Text(source, key, value) },
                "description" => argument with { Description = Text(source, key, value) },
                "required" => argument with
                {
                    Required = bool.TryParse(Text(source, key, value), out var required)
                        ? required
                        : throw new FormatException($"{source}: 'required' is true or false."),
                },
                "default" => argument with { Default = Text(source, key, value) },
                "format" => argument with { Format = Text(source, key, value) },
                "minimum" => argument with { Minimum = Integer(source, key, value) },
                _ => argument with { Maximum = Integer(source, key, value) },
            };
        }

        return argument;
    }

    private static YamlMappingNode Mapping(string source, string what, YamlNode node) =>
        node as YamlMappingNode ?? throw new FormatException($"{source}: {what} must be a mapping of keys to values.");

    private static IEnumerable<(string Key, YamlNode Value)> Entries(string source, string what, YamlMappingNode mapping, params string[] keys)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (key is null || !keys.Contains(key, StringComparer.Ordinal))
                throw new FormatException($"{source}: '{key}' is not a key of {what}; the keys are {string.Join(", ", keys)}.");
            yield return (key, value);
        }
    }

    private static string? Text(string source, string key, YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value : throw new FormatException($"{source}: '{key}' is a single value.");

    private static int? Integer(string source, string key, YamlNode node) =>
        int.TryParse(Text(source, key, node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{source}: '{key}' is a whole number.");
}
