using System.Globalization;
using OuraMcp.Server.People;
using OuraMcp.Server.Prompts;

namespace OuraMcp.Server.Completion;

/// <summary>What a prompt argument may be: by its format (dates: days with data, then recent days; whole numbers in range) or, for <c>tag</c>, the person's tags.</summary>
public sealed class PromptArgumentCandidates(PromptLibrary prompts, RecentTagNames tags, TimeProvider time)
{
    public const string TagArgument = "tag";

    /// <summary>An end date is offered from the start date already chosen, when the prompt has both.</summary>
    private const string StartArgument = "start_date", EndArgument = "end_date";

    /// <summary>
    /// The candidates, or none for an unknown prompt or argument or a free-text one. <paramref name="known"/>: the
    /// prompt's other arguments the client already has (an end date follows the start date).
    /// </summary>
    public async Task<IEnumerable<string>> ForAsync(
        string promptName, string argumentName, IDictionary<string, string>? known, Func<Task<Person>> person, CancellationToken cancellationToken)
    {
        var argument = prompts.Templates.FirstOrDefault(t => t.Name == promptName)?.Arguments.FirstOrDefault(a => a.Name == argumentName);
        return argument switch
        {
            null => [],
            { Format: PromptTemplateArgument.DateFormat } => await DatesAsync(await person().ConfigureAwait(false), argumentName == EndArgument ? DayCandidates.Known(known, StartArgument) : null, cancellationToken).ConfigureAwait(false),
            { Format: PromptTemplateArgument.IntegerFormat, Minimum: { } min, Maximum: { } max } =>
                Enumerable.Range(min, max - min + 1).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            { Name: TagArgument } => await tags.OfAsync(await person().ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            _ => [],
        };
    }

    private Task<IEnumerable<string>> DatesAsync(Person person, DateOnly? start, CancellationToken cancellationToken)
    {
        var today = person.Today(time);
        return start is { } first && first <= today
            ? DayCandidates.WithDataAsync(person, DayCandidates.Daily, first, today, cancellationToken)
            : DayCandidates.WithDataAsync(person, DayCandidates.Daily, today, cancellationToken);
    }
}
