using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Prompts;

/// <summary>
/// The prompt templates embedded from <c>prompts/</c>, served as MCP prompts. Loaded on the first prompts request,
/// not at start-up: most sessions never ask for prompts, and cold start matters more.
/// </summary>
public sealed class PromptLibrary(TimeProvider time)
{
    private const string ResourcePrefix = "prompts/";

    private static readonly Lazy<IReadOnlyList<PromptTemplate>> Embedded = new(Load);

    /// <summary>Every template, in name order.</summary>
    public static IReadOnlyList<PromptTemplate> Templates => Embedded.Value;

    public ListPromptsResult List() => new()
    {
        Prompts = Templates.Select(t => new Prompt
        {
            Name = t.Name,
            Title = t.Title,
            Description = t.Description,
            Arguments = t.Arguments.Select(a => new PromptArgument
            {
                Name = a.Name,
                Description = Describe(a),
                Required = a.Required,
            }).ToList(),
        }).ToList(),
    };

    /// <summary>The <c>prompts/get</c> handler: the prompt filled in for the person asking ("today" is their today).</summary>
    public static async ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        Person person;
        try
        {
            person = await WhoIsAsking.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OuraNotSignedInException e)
        {
            throw new McpException(e.Message + " " + (request.Services!.GetService<ISignInHint>() ?? new LocalSignInHint()).SignIn);
        }

        return request.Services!.GetRequiredService<PromptLibrary>().Get(request.Params!.Name, request.Params.Arguments, person.TimeZone);
    }

    /// <summary>The filled-in prompt; a bad name or argument is an invalid-params error that says what to send.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="arguments">Its arguments as the client sent them.</param>
    /// <param name="zone">The asking person's time zone, for the "today" and "yesterday" defaults.</param>
    public GetPromptResult Get(string name, IDictionary<string, System.Text.Json.JsonElement>? arguments, TimeZoneInfo zone)
    {
        var template = Templates.FirstOrDefault(t => t.Name == name)
            ?? throw new McpProtocolException($"No prompt named '{name}'. Prompts: {string.Join(", ", Templates.Select(t => t.Name))}.", McpErrorCode.InvalidParams);

        var unknown = (arguments?.Keys ?? []).Where(k => template.Arguments.All(a => a.Name != k)).ToList();
        if (unknown.Count > 0)
            throw new McpProtocolException($"Prompt '{name}' has no argument {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its arguments: {string.Join(", ", template.Arguments.Select(a => a.Name))}.", McpErrorCode.InvalidParams);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in template.Arguments)
        {
            var given = arguments is not null && arguments.TryGetValue(argument.Name, out var v) ? v.ToString().Trim() : null;
            var value = string.IsNullOrEmpty(given) ? Default(argument, zone) : given;
            if (value is null)
                throw new McpProtocolException($"Prompt '{name}' needs '{argument.Name}': {argument.Description}", McpErrorCode.InvalidParams);
            if (argument.Format == "date" && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new McpProtocolException($"'{argument.Name}' must be a date as yyyy-MM-dd (for example 2026-03-05), not '{value}'.", McpErrorCode.InvalidParams);
            values[argument.Name] = value;
        }

        return new GetPromptResult
        {
            Description = template.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = template.Render(values) } }],
        };
    }

    private string? Default(PromptTemplateArgument argument, TimeZoneInfo zone) => argument.Default switch
    {
        "today" => Today(zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "yesterday" => Today(zone).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var literal => literal,
    };

    private DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    private static string Describe(PromptTemplateArgument argument) =>
        argument.Default is null ? argument.Description : $"{argument.Description} Default: {argument.Default}.";

    private static IReadOnlyList<PromptTemplate> Load()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return PromptTemplate.Parse(n, reader.ReadToEnd());
            })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
