using System.Text.RegularExpressions;

namespace OuraMcp.Server.Prompts;

/// <summary>
/// One prompt template from <c>prompts/*.md</c>: YAML front matter (name, title, description, arguments) and a
/// Markdown body whose <c>{{argument}}</c> placeholders are filled in when a client gets the prompt.
/// </summary>
public sealed partial record PromptTemplate(
    string Name, string? Title, string Description, IReadOnlyList<PromptTemplateArgument> Arguments, string Body)
{
    /// <summary>Parses a template; <paramref name="source"/> names it in errors.</summary>
    public static PromptTemplate Parse(string source, string text)
    {
        var match = FrontMatter().Match(text.ReplaceLineEndings("\n"));
        if (!match.Success) throw new FormatException($"{source}: a prompt template starts with YAML front matter between '---' lines.");

        PromptFrontMatter model;
        try
        {
            model = PromptFrontMatter.Read(source, match.Groups["yaml"].Value);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{source}: the front matter is not valid YAML ({e.Message}).", e);
        }

        if (string.IsNullOrWhiteSpace(model.Name) || !ValidName().IsMatch(model.Name))
            throw new FormatException($"{source}: 'name' must be snake_case.");
        if (string.IsNullOrWhiteSpace(model.Description)) throw new FormatException($"{source}: 'description' is required.");

        var arguments = model.Arguments.Select(a => new PromptTemplateArgument(
            a.Name ?? throw new FormatException($"{source}: every argument needs a name."),
            a.Description ?? "", a.Required, a.Default, a.Format, a.Minimum, a.Maximum)).ToList();
        foreach (var argument in arguments)
        {
            if (string.IsNullOrWhiteSpace(argument.Description)) throw new FormatException($"{source}: argument '{argument.Name}' needs a description.");
            if (argument.Format is not (null or PromptTemplateArgument.DateFormat or PromptTemplateArgument.IntegerFormat))
                throw new FormatException($"{source}: argument '{argument.Name}' has format '{argument.Format}'; formats are date and integer.");
            if (argument.Format == PromptTemplateArgument.IntegerFormat && (argument.Minimum is null || argument.Maximum is null))
                throw new FormatException($"{source}: integer argument '{argument.Name}' needs a minimum and a maximum.");
            if (argument.Default is { } fallback && PromptTemplateArgument.DaysAgo(fallback) is null && argument.Problem(fallback) is { } problem)
                throw new FormatException($"{source}: the default of '{argument.Name}' is not valid: {problem}");
        }
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
}

/// <summary>
/// An argument of a prompt template. <see cref="Format"/> is <c>date</c> (yyyy-MM-dd), <c>integer</c> (a whole number
/// from <see cref="Minimum"/> to <see cref="Maximum"/>) or none (free text). <see cref="Default"/> may be a literal, or
/// <c>today</c>, <c>yesterday</c> or <c>N days ago</c> in the asking person's time zone.
/// </summary>
public sealed partial record PromptTemplateArgument(
    string Name, string Description, bool Required, string? Default, string? Format, int? Minimum = null, int? Maximum = null)
{
    public const string DateFormat = "date";
    public const string IntegerFormat = "integer";

    /// <summary>How many days before today a relative default names (0 for today), or null for a literal.</summary>
    public static int? DaysAgo(string? value) => value switch
    {
        "today" => 0,
        "yesterday" => 1,
        not null when RelativeDay().Match(value) is { Success: true } m => int.Parse(m.Groups["days"].Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>What is wrong with a value for this argument, as a sentence that says what to send; null when it is fine.</summary>
    public string? Problem(string value) => Format switch
    {
        DateFormat when !DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) =>
            $"'{Name}' must be a date as yyyy-MM-dd (for example 2026-03-05), not '{Shorten(value)}'.",
        IntegerFormat when !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                           || number < (Minimum ?? int.MinValue) || number > (Maximum ?? int.MaxValue) =>
            $"'{Name}' must be a whole number from {Minimum} to {Maximum}, not '{Shorten(value)}'.",
        _ => null,
    };

    // A client may send anything: the sentence quotes only the start of it.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [System.Text.RegularExpressions.GeneratedRegex("^(?<days>[0-9]{1,4}) days ago$")]
    private static partial System.Text.RegularExpressions.Regex RelativeDay();
}
