using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Tools;

/// <summary>
/// Runs every list tool from its view: parses the arguments, fetches from Oura (all pages, with progress and
/// cancellation), builds rows or documents, and hands them to the <see cref="AnswerComposer"/>. Whose data, and in
/// which time zone, comes from the request's <see cref="Person"/> (<see cref="WhoIsAsking"/>).
/// </summary>
public sealed class ToolRunner(TimeProvider time, ServerSettings settings, CursorCodec cursors)
{
    private readonly AnswerComposer _composer = new(settings.MaxResponseTokens, cursors);

    public async Task<CallToolResult> RunDaysAsync<TRow>(
        RequestContext<CallToolRequestParams> context, DayView<TRow> view, DayArgs args, CancellationToken cancellationToken)
        where TRow : class
    {
        var person = WhoIsAsking.Of(context);
        var (oura, zone) = (person.Oura, person.TimeZone);
        var (tool, arguments) = (context.Params!.Name, context.Params.Arguments);
        var cursor = ReadCursor(args.Cursor, tool, arguments, person.Id);
        var range = cursor is null
            ? DayRange.Resolve(args.StartDate, args.EndDate, person.Today(time), view.MaxDays)
            : Resumed(() => DayRange.Resolve(cursor.Start, cursor.End, person.Today(time), view.MaxDays));
        FieldSelection? fields = null;
        if (args.Fields is { Length: > 0 })
        {
            var target = view.FieldsSource ?? throw new ToolInputException(
                $"{tool} does not take fields (it merges several collections); use detail=true for whole documents.");
            fields = FieldSelection.Parse(args.Fields, target.Collection);
        }

        var documents = args.Detail || fields is not null;
        var firstDay = cursor is null ? range.Start : Resumed(() => DayRange.ParseDay("cursor", cursor.Key) ?? range.Start);
        if (firstDay < range.Start || firstDay > range.End) throw Resumed();
        var sources = fields is null ? view.Sources : [view.FieldsSource!];
        var progress = new PageProgress(context, view.Title);
        var request = OuraListRequest.ForDays(firstDay, range.End, zone) with { Fields = fields?.UpstreamFields(), Progress = progress };
        var fetched = await Task.WhenAll(sources.Select(s => s.FetchAsync(oura, request, cancellationToken))).ConfigureAwait(false);
        await progress.FlushAsync().ConfigureAwait(false);

        bool InRange(DateOnly day) => day >= firstDay && day <= range.End;
        IReadOnlyList<AnswerEntry> entries = documents
            ? fetched
                .SelectMany((result, sourceIndex) => result.Documents.Select((d, i) => (d, sourceIndex, i, result.Source)))
                .Where(x => InRange(x.d.Day))
                .OrderBy(x => x.d.Day).ThenBy(x => x.sourceIndex).ThenBy(x => x.i)
                .Select(x =>
                {
                    var json = x.Source.ToJson(x.d.Document);
                    return new AnswerEntry(Days.Format(x.d.Day), x.d.Day, x.Source.Collection.Name, fields?.Project(json) ?? json);
                })
                .ToList()
            : view.Rows(new FetchedSet(fetched))
                .Select(row => (row, day: view.DayOf(row)))
                .Where(x => InRange(x.day))
                .OrderBy(x => x.day)
                .Select(x => new AnswerEntry(Days.Format(x.day), x.day, null, x.row))
                .ToList();

        return _composer.Compose<TRow>(
            new AnswerQuery
            {
                Tool = tool,
                Title = view.Title,
                Start = Days.Format(range.Start),
                End = Days.Format(range.End),
                PersonId = person.Id,
                TimeZone = zone.Id,
                Arguments = arguments,
                Skip = cursor?.Skip ?? 0,
                FirstDay = firstDay,
                LastDay = range.End,
                FetchComplete = fetched.All(f => f.Outcome.IsComplete),
                Notices = FetchOutcome.Notices(fetched.Select(f => f.Outcome)),
                FromHistory = FetchOutcome.FromHistoryOf(fetched.Select(f => f.Outcome)),
            },
            entries);
    }

    public async Task<CallToolResult> RunSeriesAsync<TSample, TPoint>(
        RequestContext<CallToolRequestParams> context, SeriesView<TSample, TPoint> view, SeriesArgs args,
        Func<TSample, bool> filter, CancellationToken cancellationToken)
        where TPoint : class
    {
        var person = WhoIsAsking.Of(context);
        var (oura, zone) = (person.Oura, person.TimeZone);
        var (tool, arguments) = (context.Params!.Name, context.Params.Arguments);
        var cursor = ReadCursor(args.Cursor, tool, arguments, person.Id);
        var resolution = Resolutions.Parse(args.Resolution, Resolution.Hourly);
        if (args.Latest)
        {
            var latest = await oura.ListAsync(view.Collection, new OuraListRequest { Latest = true, TimeZone = zone }, cancellationToken).ConfigureAwait(false);
            var rows = latest.Data.Where(filter).OrderBy(view.Time).TakeLast(1)
                .Select(s => Raw(view, s)).ToList();
            var now = time.GetUtcNow();
            return _composer.Compose<TPoint>(
                new AnswerQuery
                {
                    Tool = tool, Title = view.Title + " (latest)", Start = "latest", End = TimeWindow.Format(TimeZoneInfo.ConvertTime(now, zone)),
                    PersonId = person.Id, TimeZone = zone.Id, Arguments = arguments, FetchComplete = FetchOutcome.Of(view.Collection, latest).IsComplete,
                    Notices = [.. FetchOutcome.Notices([FetchOutcome.Of(view.Collection, latest)]), .. rows.Count == 0 ? ["Oura has no reading yet."] : Array.Empty<string>()],
                },
                rows);
        }

        var window = cursor is null
            ? TimeWindow.Resolve(args.StartDateTime, args.EndDateTime, args.StartDate, args.EndDate, time.GetUtcNow(), zone, Resolutions.MaxRange(resolution))
            : Resumed(() => TimeWindow.Resolve(cursor.Start, cursor.End, null, null, time.GetUtcNow(), zone, Resolutions.MaxRange(resolution)));
        var from = cursor is null ? window.Start : Resumed(() => DateTimeOffset.Parse(cursor.Key, CultureInfo.InvariantCulture));
        if (from < window.Start || from >= window.End) throw Resumed();
        var progress = new PageProgress(context, view.Title);
        var request = OuraListRequest.Between(from, window.End) with { TimeZone = zone, Progress = progress };
        var result = await oura.ListAsync(view.Collection, request, cancellationToken).ConfigureAwait(false);
        await progress.FlushAsync().ConfigureAwait(false);
        var samples = result.Data.Where(s => view.Time(s) >= from && view.Time(s) < window.End).Where(filter).OrderBy(view.Time).ToList();

        IReadOnlyList<AnswerEntry> entries = resolution == Resolution.Raw
            ? samples.Select(s => Raw(view, s)).ToList()
            : samples
                .GroupBy(s => Resolutions.BucketStart(TimeZoneInfo.ConvertTime(view.Time(s), zone), resolution, zone))
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var stats = BucketStats.Of(g.Select(view.Value).ToList())!.Value;
                    var point = view.Bucket(SeriesViews.BucketLabel(g.Key, resolution, zone), stats, g.ToList());
                    return new AnswerEntry(Key(g.Key), DateOnly.FromDateTime(g.Key.DateTime), null, point);
                })
                .ToList();

        return _composer.Compose<TPoint>(
            new AnswerQuery
            {
                Tool = tool,
                Title = $"{view.Title} ({Resolutions.Names[(int)resolution]})",
                Start = TimeWindow.Format(TimeZoneInfo.ConvertTime(window.Start, zone)),
                End = TimeWindow.Format(TimeZoneInfo.ConvertTime(window.End, zone)),
                PersonId = person.Id,
                TimeZone = zone.Id,
                Arguments = arguments,
                Skip = cursor?.Skip ?? 0,
                FirstDay = LocalDay(from, zone),
                LastDay = LocalDay(window.End.AddTicks(-1), zone),
                FetchComplete = FetchOutcome.Of(view.Collection, result).IsComplete,
                Notices = FetchOutcome.Notices([FetchOutcome.Of(view.Collection, result)]),
                FromHistory = result.FromHistory,
            },
            entries);

        AnswerEntry Raw(SeriesView<TSample, TPoint> v, TSample s)
        {
            var at = TimeZoneInfo.ConvertTime(v.Time(s), zone);
            return new AnswerEntry(Key(at), DateOnly.FromDateTime(at.DateTime), null, v.Raw(s, SeriesViews.FormatTime(at)));
        }
    }

    /// <summary>A list without a range (ring configuration): rows or whole documents, still budgeted.</summary>
    public async Task<CallToolResult> RunUnrangedAsync<TDoc, TRow>(
        RequestContext<CallToolRequestParams> context, Oura.Catalog.OuraCollection<TDoc> collection, string title,
        Func<TDoc, string> key, Func<TDoc, TRow> row, bool detail, CancellationToken cancellationToken)
        where TRow : class
    {
        var person = WhoIsAsking.Of(context);
        var (oura, zone) = (person.Oura, person.TimeZone);
        var result = await oura.ListAsync(collection, new OuraListRequest { TimeZone = zone }, cancellationToken).ConfigureAwait(false);
        var entries = result.Data
            .Select(d => new AnswerEntry(
                key(d), default, detail ? collection.Name : null,
                detail ? JsonSerializer.SerializeToElement(d, collection.ModelTypeInfo) : row(d)))
            .ToList();
        return _composer.Compose<TRow>(
            new AnswerQuery
            {
                Tool = context.Params!.Name, Title = title, Start = "all", End = "all", PersonId = person.Id, TimeZone = zone.Id,
                Arguments = context.Params.Arguments, FetchComplete = FetchOutcome.Of(collection, result).IsComplete,
                Notices = FetchOutcome.Notices([FetchOutcome.Of(collection, result)]),
            },
            entries);
    }

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string Key(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A cursor's range passes the same checks as the arguments it came from: a cursor is signed, but the limits it
    /// was issued under may have changed (another version, another configuration) and are checked again.
    /// </summary>
    private static T Resumed<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ToolInputException or FormatException or ArgumentException)
        {
            throw Resumed(e.Message);
        }
    }

    private static ToolInputException Resumed(string? why = null) =>
        new($"This cursor cannot be continued{(why is null ? "" : $" ({why})")}. Call the tool again without the cursor.");

    // personId: a cursor is good only for the person it was issued to (AnswerQuery.PersonId).
    private CursorState? ReadCursor(string? text, string tool, IDictionary<string, JsonElement>? arguments, string personId)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cursor = cursors.Decode(text, tool, personId);
        if (cursor.ArgsHash != Cursors.HashArguments(arguments))
        {
            throw new ToolInputException(
                "This cursor was issued for other arguments. Send it alone, or with exactly the arguments of the call that returned it.");
        }

        return cursor;
    }
}
