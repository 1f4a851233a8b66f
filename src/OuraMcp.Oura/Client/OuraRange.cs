using System.Globalization;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Oura.Client;

/// <summary>
/// What one list request asks Oura for (the range parameters, already escaped) and what the client keeps of the
/// answer: Oura's own filters are not the caller's local days (docs/oura-api.md §1), so the answer is trimmed.
/// </summary>
internal sealed record OuraRangePlan
{
    /// <summary>Query parameters as <c>name=value</c>, values escaped with <see cref="Uri.EscapeDataString(string)"/>.</summary>
    public IReadOnlyList<string> Query { get; init; } = [];

    /// <summary>Keep documents whose local day lies in <see cref="FirstDay"/>..<see cref="LastDay"/> (inclusive).</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }

    /// <summary>Keep rows whose timestamp lies in [<see cref="From"/>, <see cref="To"/>).</summary>
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Keep only the newest row (the caller asked for <c>latest</c>).</summary>
    public bool NewestOnly { get; init; }
}

/// <summary>Turns an <see cref="OuraListRequest"/> into the upstream window for one collection.</summary>
internal static class OuraRange
{
    internal const string DateFormat = "yyyy-MM-dd";

    internal const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>
    /// How far the upstream window reaches past the caller's days for collections Oura filters by the UTC date of an
    /// internal timestamp, with <c>end_date</c> exclusive (sleep, daily_activity, workout; docs/oura-api.md §1).
    /// That timestamp (sleep: bedtime start; daily_activity: 04:00 local; workout: its start) lies on the document's
    /// local day D or, for a night's sleep, on the evening before: local D-1..D. A zone offset of -14..+14 h moves a
    /// local instant at most one calendar date either way, so its UTC date lies in D-2..D+1. Hence start_date =
    /// first day - 2 and, since end_date is exclusive, end_date = last day + 1 + 1. The extra days cost a few more
    /// documents, which the trim by the local day (the collection's DayField) removes again.
    /// </summary>
    internal const int WidenBefore = 2;

    /// <inheritdoc cref="WidenBefore"/>
    internal const int WidenAfter = 2;

    /// <summary>Without <c>latest</c> upstream (sandbox), the newest row is searched for in this window before now.</summary>
    internal static readonly TimeSpan SandboxLatestWindow = TimeSpan.FromDays(7);

    public static OuraRangePlan Plan(OuraCollection collection, OuraListRequest request, OuraClientOptions options, DateTimeOffset now)
    {
        if (request.Latest && !collection.SupportsLatest)
        {
            throw new ArgumentException(
                $"{collection.Name} has no 'latest' option; only {string.Join(" and ", OuraCatalog.All.Where(c => c.SupportsLatest).Select(c => c.Name))} do. Ask for a range instead.",
                nameof(request));
        }

        return collection.Range switch
        {
            RangeKind.Dates => PlanDays(collection, request, options),
            RangeKind.DateTimes => PlanInstants(collection, request, options, now),
            _ => new OuraRangePlan(),
        };
    }

    private static OuraRangePlan PlanDays(OuraCollection collection, OuraListRequest request, OuraClientOptions options)
    {
        if (request.StartDay is not { } first || request.EndDay is not { } last)
        {
            throw new ArgumentException(
                $"Listing {collection.Name} needs both a first and a last local day (yyyy-MM-dd); one is missing.", nameof(request));
        }

        ValidateDays(first, last, options.MaxRangeDays);
        var (from, to) = collection.AsksWithMargin
            ? (first.AddDays(-WidenBefore), last.AddDays(WidenAfter))
            : (first, last);
        return new OuraRangePlan
        {
            Query = [Param("start_date", Format(from)), Param("end_date", Format(to))],
            // Trimmed even where Oura filters on the local day itself: a defensive second check costs nothing.
            FirstDay = first,
            LastDay = last,
        };
    }

    private static OuraRangePlan PlanInstants(OuraCollection collection, OuraListRequest request, OuraClientOptions options, DateTimeOffset now)
    {
        if (request.Latest && !options.UseSandbox)
        {
            // Oura's own "most recent sample": no range, so none to trim by.
            return new OuraRangePlan { Query = [Param("latest", "true")], NewestOnly = true };
        }

        DateTimeOffset from, to;
        if (request.Start is { } start && request.End is { } end)
        {
            (from, to) = (start, end);
        }
        else if (request.Start is not null || request.End is not null)
        {
            throw new ArgumentException(
                $"Listing {collection.Name} by instants needs both a start and an end; only one was given.", nameof(request));
        }
        else if (request.StartDay is { } first && request.EndDay is { } last)
        {
            ValidateDays(first, last, options.MaxRangeDays);
            (from, to) = (StartOfDay(first, request.TimeZone), StartOfDay(last.AddDays(1), request.TimeZone));
        }
        else if (request.Latest)
        {
            // The sandbox has no 'latest' parameter: look back a while and keep the newest row.
            (from, to) = (now - SandboxLatestWindow, now);
        }
        else
        {
            throw new ArgumentException(
                $"Listing {collection.Name} needs a range: a start and an end instant, or a first and a last local day.", nameof(request));
        }

        if (to <= from)
        {
            throw new ArgumentException(
                $"The end ({Format(to)}) is not after the start ({Format(from)}); give the start first.", nameof(request));
        }

        if ((to - from).TotalDays > options.MaxRangeDays)
        {
            throw new ArgumentException(
                $"The range {Format(from)}..{Format(to)} is longer than {options.MaxRangeDays} days, the most one request may cover; split it into shorter ranges.",
                nameof(request));
        }

        return new OuraRangePlan
        {
            Query = [Param("start_datetime", Format(from)), Param("end_datetime", Format(CeilingToSecond(to)))],
            From = from,
            To = to,
            NewestOnly = request.Latest,
        };
    }

    private static void ValidateDays(DateOnly first, DateOnly last, int maxRangeDays)
    {
        if (last < first)
        {
            throw new ArgumentException(
                $"The last day ({Format(last)}) is before the first day ({Format(first)}); give the earlier day first.");
        }

        var days = last.DayNumber - first.DayNumber + 1;
        if (days > maxRangeDays)
        {
            throw new ArgumentException(
                $"The range {Format(first)}..{Format(last)} covers {days} days; the most one request may cover is {maxRangeDays} days. Split it into shorter ranges.");
        }
    }

    /// <inheritdoc cref="LocalDays.Start"/>
    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) => LocalDays.Start(day, zone);

    /// <summary>The format sends whole seconds; rounding the exclusive end up keeps the last second's rows (the trim is exact).</summary>
    private static DateTimeOffset CeilingToSecond(DateTimeOffset value)
    {
        var remainder = value.Ticks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? value : value.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }

    internal static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    internal static string Format(DateTimeOffset instant) => instant.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Escapes the value, so an offset's <c>+</c> goes out as <c>%2B</c> (a bare <c>+</c> would read as a space).</summary>
    internal static string Param(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";
}
