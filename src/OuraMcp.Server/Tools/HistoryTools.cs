using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.History.Reading;
using OuraMcp.History.Sync;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Answers;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Tools;

/// <summary>The person's local history: filling it over MCP, as the <c>sync</c> command does in a terminal.</summary>
[McpServerToolType]
[Toolset(Toolsets.History)]
public sealed class HistoryTools(PersonHistory history, IHistoryChanges changes, TimeProvider time)
{
    [McpServerTool(Name = "sync_history", Title = "Sync the local history", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(SyncHistoryAnswer))]
    [Description("Copies the person's Oura data into the server's local history, from the first ring's day (or since) to today, so that later questions about settled days cost no Oura calls. Resumes where an earlier sync stopped and fetches no settled day twice; sends progress notifications. Takes minutes for years of data; run it once, then answers stay fresh by themselves. Changes nothing at Oura.")]
    [ReadsCollections("personal_info", "ring_configuration")]
    public async Task<CallToolResult> SyncHistory(
        RequestContext<CallToolRequestParams> context,
        [Description("First local day to keep, yyyy-MM-dd. Default: the day the first ring was set up.")] string? since = null,
        [Description("Collections to sync, comma-separated catalog names (daily_sleep,sleep,workout,...). Default: all.")] string? collections = null,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        if (person.Oura is not HistoryReadThrough reader)
            throw new ToolInputException("This server keeps no history for this sign-in, so there is nothing to sync into.");
        var request = new HistorySyncRequest(reader.Person, person.TimeZone)
        {
            Since = DayRange.ParseDay("since", since),
            Collections = collections is null ? null : ParseCollections(collections),
        };

        var store = history.Open();
        var progress = new ProgressSender(context);
        var report = await new HistorySync(reader.Upstream, store, time)
            .RunAsync(request, new Callback(p => progress.Send(() => new ProgressNotificationValue
            {
                Progress = p.WindowsDone,
                Total = p.WindowsTotal,
                Message = $"{p.Collection}: {p.WindowsDone} of {p.WindowsTotal} windows stored",
            })), cancellationToken)
            .ConfigureAwait(false);
        await progress.FlushAsync().ConfigureAwait(false);
        await AnnounceAsync(person.Id, report, cancellationToken).ConfigureAwait(false);

        var answer = new SyncHistoryAnswer
        {
            FirstDay = DayRange.Format(report.FirstDay),
            Today = DayRange.Format(report.Today),
            Documents = report.Documents,
            OuraCalls = report.Calls,
            Store = store.Location,
            Collections = report.Collections.Select(c => new SyncedCollection
            {
                Collection = c.Collection, Windows = c.Windows, Documents = c.Documents, OuraCalls = c.Calls, Skipped = c.Skipped,
            }).ToList(),
        };
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Synced {answer.FirstDay} to {answer.Today}: {answer.Documents} documents from {answer.OuraCalls} Oura calls, into {answer.Store}. Settled days are now answered from the history."),
        };
        lines.AddRange(report.Collections.Where(c => c.Skipped is not null).Select(c => $"Skipped {c.Collection}: {c.Skipped}"));
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = TextRendering.Join(lines) }],
            StructuredContent = ServerJson.ToElement(answer),
        };
    }

    /// <summary>Tells the person's sessions and streams subscribed to a resource the sync filled (<c>notifications/resources/updated</c>).</summary>
    private Task AnnounceAsync(string personId, HistorySyncReport report, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, report.Today.DayNumber - report.FirstDay.DayNumber + 1).Select(report.FirstDay.AddDays).ToHashSet();
        var synced = report.Collections.Where(c => c.Documents > 0).Select(c => new ChangedDays(OuraCatalog.Find(c.Collection)!, days)).ToList();
        return synced.Count == 0 ? Task.CompletedTask : changes.AnnounceAsync(new HistoryChange(personId, synced), cancellationToken);
    }

    private static List<OuraCollection> ParseCollections(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => OuraCatalog.Find(n) is null).Select(n => Echo.Short(n)).ToList();
        if (unknown.Count > 0 || names.Length == 0)
        {
            throw new ToolInputException(
                $"collections names no catalog collection{(unknown.Count == 0 ? "" : ": " + string.Join(", ", unknown))}. Send some of: {string.Join(", ", OuraCatalog.All.Select(c => c.Name))}.");
        }
        return names.Select(n => OuraCatalog.Find(n)!).Distinct().ToList();
    }

    /// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Callback(Action<HistorySyncProgress> report) : IProgress<HistorySyncProgress>
    {
        public void Report(HistorySyncProgress value) => report(value);
    }
}

/// <summary>What <c>sync_history</c> did.</summary>
public sealed record SyncHistoryAnswer
{
    [Description("First local day the history covers, yyyy-MM-dd.")]
    public required string FirstDay { get; init; }

    [Description("The person's local day now; today and the two days before stay provisional and are asked again.")]
    public required string Today { get; init; }

    [Description("Documents fetched and stored by this sync.")]
    public int Documents { get; init; }

    [Description("Requests made to Oura by this sync.")]
    public int OuraCalls { get; init; }

    [Description("Where the history is kept (a file, or a database without its password).")]
    public required string Store { get; init; }

    [Description("Per collection: windows fetched, documents, Oura calls, and why it was skipped (a scope not granted).")]
    public required IReadOnlyList<SyncedCollection> Collections { get; init; }
}

/// <summary>One collection's part of a sync.</summary>
public sealed record SyncedCollection
{
    public required string Collection { get; init; }

    public int Windows { get; init; }

    public int Documents { get; init; }

    public int OuraCalls { get; init; }

    public string? Skipped { get; init; }
}
