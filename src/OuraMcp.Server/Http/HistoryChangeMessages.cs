using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Http;

/// <summary>
/// A <see cref="HistoryChange"/> as the payloads of PostgreSQL notifications: compact JSON,
/// <c>{"p":"person-id","c":{"daily_sleep":["2025-01-01..2025-12-31","2026-02-03"]}}</c>, the days of each collection as
/// runs of consecutive days. PostgreSQL refuses a payload of 8000 bytes or more, so a change too large for one (days
/// scattered over years) is split into several, each a change of the same person.
/// </summary>
internal static class HistoryChangeMessages
{
    /// <summary>The most bytes a payload may have: PostgreSQL's limit is "shorter than 8000".</summary>
    public const int MaxBytes = 7999;

    private const string DayFormat = "yyyy-MM-dd";
    private const string RunSeparator = "..";
    private const int MaxRunDays = 100 * 366;

    /// <summary>The payloads that together say <paramref name="change"/>, each at most <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    public static IReadOnlyList<string> Encode(HistoryChange change, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(change);
        // Sizes are counted exactly as the writer will write them: every name and run is ASCII, the person id is escaped.
        var empty = JsonBytes(change.PersonId) + """{"p":,"c":{}}""".Length;
        if (empty + 128 > maxBytes) throw new ArgumentException("The person id is too long for a notification.", nameof(change));

        var messages = new List<string>();
        var current = new List<(string Collection, List<string> Runs)>();
        var size = empty;
        foreach (var changed in change.Collections)
        {
            var name = changed.Collection.Name;
            foreach (var run in Runs(changed.Days))
            {
                var opensCollection = current.Count == 0 || current[^1].Collection != name;
                var added = JsonBytes(run) + (opensCollection ? JsonBytes(name) + ":[]".Length + (current.Count > 0 ? 1 : 0) : 1);
                if (size + added > maxBytes)
                {
                    messages.Add(Write(change.PersonId, current));
                    current = [];
                    size = empty;
                    opensCollection = true;
                    added = JsonBytes(run) + JsonBytes(name) + ":[]".Length;
                }

                if (opensCollection) current.Add((name, []));
                current[^1].Runs.Add(run);
                size += added;
            }
        }

        if (current.Count > 0) messages.Add(Write(change.PersonId, current));
        return messages;
    }

    /// <summary>The change a payload says, or null when it is not one (collections this version does not know are left out).</summary>
    public static HistoryChange? Decode(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("p", out var person) || person.ValueKind != JsonValueKind.String || person.GetString() is not { Length: > 0 } personId
                || !root.TryGetProperty("c", out var collections) || collections.ValueKind != JsonValueKind.Object)
                return null;

            var changed = new List<ChangedDays>();
            foreach (var collection in collections.EnumerateObject())
            {
                if (OuraCatalog.Find(collection.Name) is not { } known || collection.Value.ValueKind != JsonValueKind.Array) continue;
                var days = new HashSet<DateOnly>();
                foreach (var run in collection.Value.EnumerateArray())
                {
                    if (run.ValueKind != JsonValueKind.String || !TryAddRun(run.GetString()!, days)) return null;
                }
                changed.Add(new ChangedDays(known, days));
            }

            return new HistoryChange(personId, changed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The days as runs of consecutive days, in order: <c>first..last</c>, or the day alone.</summary>
    private static IEnumerable<string> Runs(IEnumerable<DateOnly> days)
    {
        DateOnly? start = null, end = null;
        foreach (var day in days.Order())
        {
            if (end is { } last && day.DayNumber == last.DayNumber + 1)
            {
                end = day;
                continue;
            }

            if (start is { } first) yield return Run(first, end!.Value);
            start = end = day;
        }

        if (start is { } open) yield return Run(open, end!.Value);
    }

    private static string Run(DateOnly first, DateOnly last) =>
        first == last ? Format(first) : Format(first) + RunSeparator + Format(last);

    private static bool TryAddRun(string run, HashSet<DateOnly> days)
    {
        var parts = run.Split(RunSeparator);
        if (parts.Length > 2 || !TryParse(parts[0], out var first)) return false;
        var last = first;
        // A run longer than a lifetime of rings is no change this server sends.
        if (parts.Length == 2 && (!TryParse(parts[1], out last) || last < first || last.DayNumber - first.DayNumber > MaxRunDays)) return false;
        for (var day = first; day <= last; day = day.AddDays(1)) days.Add(day);
        return true;
    }

    private static string Write(string personId, List<(string Collection, List<string> Runs)> collections)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("p", personId);
            writer.WriteStartObject("c");
            foreach (var (collection, runs) in collections)
            {
                writer.WriteStartArray(collection);
                foreach (var run in runs) writer.WriteStringValue(run);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The bytes <paramref name="text"/> takes as a JSON string, quotes included, as <see cref="Utf8JsonWriter"/> escapes it.</summary>
    private static int JsonBytes(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) writer.WriteStringValue(text);
        return buffer.WrittenCount;
    }

    private static string Format(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
