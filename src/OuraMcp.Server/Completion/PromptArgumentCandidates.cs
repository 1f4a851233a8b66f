using System.Globalization;
using OuraMcp.Server.People;
using OuraMcp.Server.Prompts;

namespace OuraMcp.Server.Completion;

/// <summary>What a prompt argument may be: by its format (dates: days with data, then recent days; whole numbers in range) or, for <c>tag</c>, the person's tags.</summary>
public sealed class PromptArgumentCandidates(PromptLibrary prompts, RecentTagNames tags, TimeProvider time)
{
    public const string TagArgument = "tag";

    /// <summary>The candidates, or none for an unknown prompt or argument or a free-text one.</summary>
    public async Task<IEnumerable<string>> ForAsync(string promptName, string argumentName, Func<Task<Person>> person, CancellationToken cancellationToken)
    {
        var argument = prompts.Templates.FirstOrDefault(t => t.Name == promptName)?.Arguments.FirstOrDefault(a => a.Name == argumentName);
        return argument switch
        {
            null => [],
            { Format: PromptTemplateArgument.DateFormat } => await DatesAsync(await person().ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            { Format: PromptTemplateArgument.IntegerFormat, Minimum: { } min, Maximum: { } max } =>
                Enumerable.Range(min, max - min + 1).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            { Name: TagArgument } => await tags.OfAsync(await person().ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            _ => [],
        };
    }

    private Task<IEnumerable<string>> DatesAsync(Person person, CancellationToken cancellationToken) =>
        DayCandidates.WithDataAsync(person, DayCandidates.Daily, person.Today(time), cancellationToken);
}
