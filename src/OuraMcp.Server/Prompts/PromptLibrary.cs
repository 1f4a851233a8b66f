using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Prompts;

/// <summary>
/// The prompt templates embedded from <c>prompts/</c>, plus any in the folder named by <c>--prompts</c>
/// (<c>OURA_MCP_PROMPTS</c>), which replace embedded ones of the same name; served as MCP prompts. The embedded ones
/// are loaded on the first prompts request, not at start-up: most sessions never ask for prompts, and cold start
/// matters more. A folder's are read at start (<see cref="LoadFolderNow"/>), so a malformed file is named at once.
/// </summary>
public sealed partial class PromptLibrary(ServerSettings settings, TimeProvider time, ILogger<PromptLibrary>? logger = null)
{
    private const string ResourcePrefix = "prompts/";

    private static readonly Lazy<IReadOnlyList<PromptTemplate>> Embedded = new(LoadEmbedded);

    private readonly Lazy<IReadOnlyList<PromptTemplate>> _served = new(() => Merge(Embedded.Value, LoadFolder(settings.PromptsDirectory, logger)));

    /// <summary>Every embedded template, in name order.</summary>
    public static IReadOnlyList<PromptTemplate> EmbeddedTemplates => Embedded.Value;

    /// <summary>Every template served, in name order.</summary>
    public IReadOnlyList<PromptTemplate> Templates => _served.Value;

    /// <summary>Reads the prompts folder now, when there is one, naming each malformed file on stderr.</summary>
    public void LoadFolderNow()
    {
        if (settings.PromptsDirectory is not null) _ = _served.Value;
    }

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
            if (argument.Problem(value) is { } problem) throw new McpProtocolException(problem, McpErrorCode.InvalidParams);
            values[argument.Name] = value;
        }

        return new GetPromptResult
        {
            Description = template.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = template.Render(values) } }],
        };
    }

    private string? Default(PromptTemplateArgument argument, TimeZoneInfo zone) =>
        PromptTemplateArgument.DaysAgo(argument.Default) is { } days
            ? Today(zone).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : argument.Default;

    private DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    private static string Describe(PromptTemplateArgument argument) =>
        argument.Default is null ? argument.Description : $"{argument.Description} Default: {argument.Default}.";

    private static IReadOnlyList<PromptTemplate> LoadEmbedded()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return PromptTemplate.Parse(n, reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>The folder's templates; a file that cannot be read or parsed is named with the reason and skipped.</summary>
    private static IReadOnlyList<PromptTemplate> LoadFolder(string? folder, ILogger? logger)
    {
        if (folder is null) return [];
        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*.md");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (logger is not null) LogFolderUnreadable(logger, folder, e.Message);
            return [];
        }

        var templates = new List<PromptTemplate>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                templates.Add(PromptTemplate.Parse(file, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                if (logger is not null) LogTemplateSkipped(logger, file, e.Message);
            }
        }

        return templates;
    }

    /// <summary>Embedded templates and the folder's, a folder's replacing an embedded one of the same name.</summary>
    private static IReadOnlyList<PromptTemplate> Merge(IReadOnlyList<PromptTemplate> embedded, IReadOnlyList<PromptTemplate> folder) =>
        embedded.Where(e => folder.All(f => f.Name != e.Name)).Concat(folder.DistinctBy(f => f.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prompt file {File} skipped: {Reason}")]
    private static partial void LogTemplateSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The prompts folder {Folder} cannot be read ({Reason}); only the built-in prompts are served.")]
    private static partial void LogFolderUnreadable(ILogger logger, string folder, string reason);
}
