using System.Text.Json;
using OuraMcp.Oura.Client;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>
/// Daily metrics read from Oura through the asking person's client, in their time zone, shaped by the same views the
/// day tools answer with.
/// </summary>
public sealed class ClientMetricSource : IDailyMetricSource
{
    public async Task<DailySeries> ReadAsync(Person person, DailyMetric metric, DayRange range, CancellationToken cancellationToken)
    {
        var rows = await DailyMetrics.TableOf(metric)
            .RowsAsync(person.Oura, OuraListRequest.ForDays(range.Start, range.End, person.TimeZone), cancellationToken).ConfigureAwait(false);
        var path = metric.Column.Split('.');
        var values = new Dictionary<DateOnly, double>();
        foreach (var (day, row) in rows.Rows)
        {
            if (day < range.Start || day > range.End) continue;
            if (Find(row, path) is { } value) values[day] = value;
        }

        return new DailySeries(metric, range, values, rows.Complete, rows.IncompleteReason);
    }

    public async Task<TagDays> ReadTagAsync(Person person, string tag, DayRange range, CancellationToken cancellationToken)
    {
        var request = OuraListRequest.ForDays(range.Start, range.End, person.TimeZone);
        var fetched = await Task.WhenAll(TagViews.Tags.Sources.Select(s => s.FetchAsync(person.Oura, request, cancellationToken))).ConfigureAwait(false);
        var wanted = TagNames.Normalise(tag);
        var days = new HashSet<DateOnly>();
        var matched = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in TagViews.Tags.Rows(new FetchedSet(fetched)))
        {
            var day = TagViews.Tags.DayOf(row);
            if (day < range.Start || day > range.End || row.Name is null) continue;
            // A note (the older tag collection) lists its tags in one name, comma-separated.
            foreach (var name in row.Name.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                seen.Add(name);
                if (TagNames.Normalise(name) != wanted) continue;
                matched.Add(name);
                days.Add(day);
            }
        }

        var (complete, reason) = MetricRows.Outcome(fetched);
        return new TagDays(days, [.. matched], [.. seen], complete, reason);
    }

    private static double? Find(JsonElement row, string[] path)
    {
        var current = row;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current)) return null;
        }

        return current.ValueKind == JsonValueKind.Number ? current.GetDouble() : null;
    }
}
