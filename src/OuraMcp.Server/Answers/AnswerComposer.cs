using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Answers;

/// <summary>One row of an answer before it is cut to size: a compact item or a document.</summary>
/// <param name="Key">Sort key the cursor resumes at: the day, or the instant (UTC, sortable).</param>
/// <param name="Day">The local day the row belongs to, for missing days.</param>
/// <param name="Collection">For documents, the collection they came from; null for compact items.</param>
/// <param name="Payload">The compact row, or the document as JSON.</param>
public sealed record AnswerEntry(string Key, DateOnly Day, string? Collection, object Payload);

/// <summary>What the composer needs to know about the query behind the rows.</summary>
public sealed record AnswerQuery
{
    public required string Tool { get; init; }

    public required string Title { get; init; }

    public required string Start { get; init; }

    public required string End { get; init; }

    public required string TimeZone { get; init; }

    /// <summary>Who the answer is for (<see cref="People.Person.Id"/>): a cursor issued here is good only for them.</summary>
    public string? PersonId { get; init; }

    /// <summary>The arguments the call was made with, for the cursor.</summary>
    public IDictionary<string, JsonElement>? Arguments { get; init; }

    /// <summary>Rows at the start of <see cref="AnswerComposer.Compose{TRow}"/>'s list already sent by an earlier page.</summary>
    public int Skip { get; init; }

    /// <summary>First and last local day this page is about (null: the tool has no notion of missing days).</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }

    /// <summary>Whether Oura gave every page.</summary>
    public bool FetchComplete { get; init; } = true;

    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>How much came from the local history (null: the history was not read).</summary>
    public StoredPart? FromHistory { get; init; }
}

/// <summary>
/// Turns rows into the answer: applies the response budget (cutting only on a row boundary, saying so, and handing
/// out a cursor that resumes exactly after the last row sent), works out missing days and completeness, and writes
/// the structured content and its text twin.
/// </summary>
public sealed class AnswerComposer(int maxResponseTokens, CursorCodec cursors)
{
    /// <summary>Room kept for the envelope, the header, the notice and the cursor.</summary>
    private const int EnvelopeReserveChars = 1_500;

    public int BudgetChars => Math.Max(maxResponseTokens * 4 - EnvelopeReserveChars, 1_000);

    public CallToolResult Compose<TRow>(AnswerQuery query, IReadOnlyList<AnswerEntry> entries)
    {
        var documentsMode = entries.Count > 0 && entries[0].Collection is not null;
        var sent = new List<(AnswerEntry Entry, JsonElement Json, FlatRow? Row)>();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var used = 0;
        int? cutAt = null;
        for (var i = query.Skip; i < entries.Count; i++)
        {
            var entry = entries[i];
            var json = entry.Payload is JsonElement element ? element : ServerJson.ToElement(entry.Payload);
            var row = documentsMode ? null : FlatRow.From(json);
            // A document goes out whole in both copies; a row adds its values, and a column it is the first to fill
            // adds its name to the structured columns and to the text header.
            var cost = row is null
                ? 2 * json.GetRawText().Length + entry.Collection!.Length + 4
                : row.Cost + row.Cells.Where(c => !columns.Contains(c.Name)).Sum(c => 2 * c.Name.Length + 10);
            if (used + cost > BudgetChars && sent.Count > 0)
            {
                cutAt = i;
                break;
            }

            used += cost;
            sent.Add((entry, json, row));
            if (row is not null) columns.UnionWith(row.Cells.Select(c => c.Name));
        }

        var notices = new List<string>(query.Notices);
        string? cursor = null;
        var lastDay = query.LastDay;
        if (cutAt is { } cut)
        {
            var resume = entries[cut];
            var skip = 0;
            for (var j = 0; j < cut; j++) if (entries[j].Key == resume.Key) skip++;
            cursor = cursors.Encode(new CursorState
            {
                Tool = query.Tool,
                ArgsHash = Cursors.HashArguments(query.Arguments),
                Args = Cursors.ArgumentsWithoutCursor(query.Arguments),
                Start = query.Start,
                End = query.End,
                Key = resume.Key,
                Skip = skip,
            }, query.PersonId);
            lastDay = resume.Day.AddDays(-1);
            notices.Add(
                $"Cut at the response budget of {maxResponseTokens:N0} tokens after {sent.Count} rows (through {Format(sent[^1].Entry.Day)}); " +
                "call again with the cursor to get the rest.");
        }
        else if (sent.Count == 1 && used > BudgetChars)
        {
            notices.Add($"This single row is larger than the response budget of {maxResponseTokens:N0} tokens; ask for fewer fields to make it smaller.");
        }

        var missing = MissingDays(query.FirstDay, lastDay, entries);
        var table = documentsMode ? null : AnswerTable.From(sent.Select(s => s.Row!).ToList(), typeof(TRow));
        var answer = new ListAnswer<TRow>
        {
            Start = query.Start,
            End = query.End,
            TimeZone = query.TimeZone,
            Columns = table?.Columns,
            Rows = table?.Rows,
            Documents = documentsMode
                ? sent.GroupBy(s => s.Entry.Collection!).ToDictionary(g => g.Key, g => (IReadOnlyList<JsonElement>)g.Select(s => s.Json).ToList())
                : null,
            Complete = query.FetchComplete && cutAt is null,
            MissingDays = missing.Count > 0 ? missing : null,
            Notice = notices.Count > 0 ? string.Join(" ", notices) : null,
            Cursor = cursor,
            History = AnswerHistory.From(query.FromHistory),
        };

        var lines = new List<string>
        {
            $"{query.Title} {query.Start} to {query.End} ({query.TimeZone}): {TextRendering.Count(sent.Count, documentsMode ? "document" : "row", documentsMode ? "documents" : "rows")}, {(answer.Complete ? "complete" : "INCOMPLETE")}.",
        };
        if (table is null) lines.AddRange(sent.Select(s => $"{s.Entry.Collection}: {s.Json.GetRawText()}"));
        else if (table.Rows.Count > 0) lines.AddRange(table.TextLines());
        if (answer.MissingDays is { } days) lines.Add("No data for: " + string.Join(", ", days) + ".");
        if (answer.Notice is { } notice) lines.Add("Notice: " + notice);
        if (answer.History is { } history) lines.Add("History: " + history.Describe());
        if (cursor is not null) lines.Add($"cursor: {cursor}");

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = TextRendering.Join(lines) }],
            StructuredContent = ServerJson.ToElement(answer),
        };
    }

    private static List<string> MissingDays(DateOnly? first, DateOnly? last, IReadOnlyList<AnswerEntry> entries)
    {
        if (first is not { } from || last is not { } to || to < from) return [];
        var withData = entries.Select(e => e.Day).ToHashSet();
        var missing = new List<string>();
        for (var d = from; d <= to; d = d.AddDays(1)) if (!withData.Contains(d)) missing.Add(Format(d));
        return missing;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
