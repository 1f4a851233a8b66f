using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OuraMcp.Server.Prompts;

/// <summary>
/// One prompt template from <c>prompts/*.md</c>: YAML front matter (name, title, description, arguments) and a
/// Markdown body whose <c>{{argument}}</c> placeholders are filled in when a client gets the prompt.
/// </summary>
public sealed partial record PromptTemplate(
    string Name, string? Title, string Description, IReadOnlyList<PromptTemplateArgument> Arguments, string Body)
{
    private static readonly IDeserializer FrontMatterReader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Parses a template; <paramref name="source"/> names it in errors.</summary>
    public static PromptTemplate Parse(string source, string text)
    {
        var match = FrontMatter().Match(text.ReplaceLineEndings("\n"));
        if (!match.Success) throw new FormatException($"{source}: a prompt template starts with YAML front matter between '---' lines.");

        FrontMatterModel model;
        try
        {
            model = FrontMatterReader.Deserialize<FrontMatterModel>(match.Groups["yaml"].Value) ?? new FrontMatterModel();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{source}: the front matter is not valid YAML ({e.Message}).", e);
        }

        if (string.IsNullOrWhiteSpace(model.Name) || !ValidName().IsMatch(model.Name))
            throw new FormatException($"{source}: 'name' must be snake_case.");
        if (string.IsNullOrWhiteSpace(model.Description)) throw new FormatException($"{source}: 'description' is required.");

        var arguments = (model.Arguments ?? []).Select(a => new PromptTemplateArgument(
            a.Name ?? throw new FormatException($"{source}: every argument needs a name."),
            a.Description ?? "", a.Required, a.Default, a.Format)).ToList();
        var body = match.Groups["body"].Value.Trim();
        foreach (Match placeholder in Placeholder().Matches(body))
        {
            if (arguments.All(a => a.Name != placeholder.Groups["name"].Value))
                throw new FormatException($"{source}: the body uses {{{{{placeholder.Groups["name"].Value}}}}} but no argument declares it.");
        }

        return new PromptTemplate(model.Name, model.Title, model.Description.Trim(), arguments, body);
    }

    /// <summary>The body with every placeholder replaced by its value.</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(Body, m => values[m.Groups["name"].Value]);

    [GeneratedRegex(@"^---\n(?<yaml>.*?)\n---\n(?<body>.*)$", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"\{\{(?<name>[a-z0-9_]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ValidName();

    private sealed class FrontMatterModel
    {
        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public List<ArgumentModel>? Arguments { get; set; }
    }

    private sealed class ArgumentModel
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool Required { get; set; }

        public string? Default { get; set; }

        public string? Format { get; set; }
    }
}

/// <summary>An argument of a prompt template. <see cref="Default"/> may be <c>today</c> or <c>yesterday</c>.</summary>
public sealed record PromptTemplateArgument(string Name, string Description, bool Required, string? Default, string? Format);
