using ModelContextProtocol;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Resources;

/// <summary>What an <c>oura://</c> URI names: the profile, the rings, one day together, or a collection's local days.</summary>
public abstract record ResourceAddress
{
    public const string Scheme = "oura://";
    public const string ProfileUri = Scheme + "profile";
    public const string RingsUri = Scheme + "rings";
    public const string DayTemplate = Scheme + "day/{date}";
    public const string CollectionDayTemplate = Scheme + "{collection}/{date}";
    public const string CollectionRangeTemplate = Scheme + "{collection}/{start}/{end}";

    /// <summary>Most local days one read of a day collection covers, as the day tools' usual month.</summary>
    public const int MaxDays = 31;

    /// <summary>Most local days one read of a time series covers: a day of heart rate is already about 1,200 rows.</summary>
    public const int MaxSeriesDays = 1;

    private const string Forms =
        "Send oura://profile, oura://rings, oura://day/{date}, oura://{collection}/{date} or oura://{collection}/{start}/{end}, with dates as yyyy-MM-dd (e.g. oura://daily_sleep/2026-03-05).";

    public sealed record Profile : ResourceAddress;

    public sealed record Rings : ResourceAddress;

    public sealed record Day(DateOnly Date) : ResourceAddress;

    public sealed record Collection(OuraCollection Source, DayRange Days) : ResourceAddress;

    /// <summary>The collections a dated URI may name: every one read by local days or instants.</summary>
    public static IEnumerable<OuraCollection> DatedCollections => OuraCatalog.All.Where(c => c.Range != RangeKind.None);

    /// <summary>
    /// Parses a URI; an unknown form is "resource not found" and a bad date or range is "invalid params", each with a
    /// sentence saying what to send.
    /// </summary>
    public static ResourceAddress Parse(string? uri)
    {
        if (uri is null || !uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) throw NotFound(uri);
        var parts = uri[Scheme.Length..].Split('/');
        switch (parts)
        {
            case ["profile"]:
                return new Profile();
            case ["rings"]:
                return new Rings();
            case ["day", var date]:
                return new Day(ParseDay("date", date));
            case [var name, var date]:
                return Dated(name, uri, date, date);
            case [var name, var start, var end]:
                return Dated(name, uri, start, end);
            default:
                throw NotFound(uri);
        }
    }

    /// <summary>The address, or null for a URI <see cref="Parse"/> refuses.</summary>
    public static ResourceAddress? TryParse(string? uri)
    {
        try
        {
            return Parse(uri);
        }
        catch (McpProtocolException)
        {
            return null;
        }
    }

    private static Collection Dated(string name, string uri, string startText, string endText)
    {
        var source = OuraCatalog.Find(name);
        if (source is null) throw NotFound(uri, $"'{name}' is not an Oura collection; dated collections: {string.Join(", ", DatedCollections.Select(c => c.Name))}.");
        if (source.Range == RangeKind.None)
        {
            var instead = source == OuraCatalog.PersonalInfo ? ProfileUri : RingsUri;
            throw NotFound(uri, $"{source.Name} has no days; read {instead} instead.");
        }

        var single = startText == endText;
        var start = ParseDay(single ? "date" : "start", startText);
        var end = single ? start : ParseDay("end", endText);
        if (end < start)
            throw Invalid($"The end {Format(end)} is before the start {Format(start)}: send the earlier day first, e.g. {Scheme}{source.Name}/{Format(end)}/{Format(start)}.");
        var max = source.Range == RangeKind.DateTimes ? MaxSeriesDays : MaxDays;
        var days = new DayRange(start, end);
        if (days.Days > max)
        {
            var suggestedEnd = start.AddDays(max - 1);
            var example = max == 1 ? $"{Scheme}{source.Name}/{Format(start)}" : $"{Scheme}{source.Name}/{Format(start)}/{Format(suggestedEnd)}";
            throw Invalid($"{source.Name} is read at most {max} day{(max == 1 ? "" : "s")} at a time and {days} covers {days.Days}; read it in parts, e.g. {example}.");
        }

        return new Collection(source, days);
    }

    private static DateOnly ParseDay(string name, string text)
    {
        try
        {
            return DayRange.ParseDay(name, text) ?? throw Invalid($"The {name} is missing. {Forms}");
        }
        catch (ToolInputException e)
        {
            throw Invalid(e.Message);
        }
    }

    private static string Format(DateOnly day) => DayRange.Format(day);

    private static McpProtocolException Invalid(string message) => new(message, McpErrorCode.InvalidParams);

    private static McpProtocolException NotFound(string? uri, string? why = null) =>
        new($"No resource {Quote(uri)}. {(why is null ? "" : why + " ")}{Forms}", McpErrorCode.ResourceNotFound);

    // A client may send anything: the sentence quotes only the start of it.
    private static string Quote(string? uri) => uri is null ? "(no uri)" : uri.Length <= 80 ? $"'{uri}'" : $"'{uri[..80]}…'";
}
