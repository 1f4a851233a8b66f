using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>A daily metric: a numeric column of a day tool's rows, named <c>table.column</c> (e.g. <c>sleep.main.average_hrv</c>).</summary>
public sealed record DailyMetric(string Name, string Table, string Column)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every daily metric the analytics take: the numeric columns of the day tools' compact rows, under the tool's table
/// name, so a metric reads exactly as the column the day tool answers (<c>readiness.score</c> is get_readiness's
/// <c>score</c>). The names come from the row records and the contributor models, never from a hand-kept list.
/// </summary>
public static class DailyMetrics
{
    internal static readonly IReadOnlyList<MetricTable> Tables =
    [
        new MetricTable<SleepNight>("sleep", SleepViews.Nights(includeNaps: false), typeof(SleepContributors)),
        new MetricTable<ReadinessDay>("readiness", ReadinessViews.Readiness, typeof(ReadinessContributors)),
        new MetricTable<ActivityDay>("activity", ActivityViews.Activity, typeof(ActivityContributors)),
        new MetricTable<StressDay>("stress", HeartViews.Stress, null),
        new MetricTable<ResilienceDay>("resilience", ReadinessViews.Resilience, typeof(ResilienceContributors)),
        new MetricTable<SpO2Day>("spo2", BodyViews.SpO2, null),
        new MetricTable<CardiovascularAgeDay>("cardiovascular_age", HeartViews.CardiovascularAge, null),
        new MetricTable<Vo2MaxDay>("vo2_max", HeartViews.Vo2Max, null),
    ];

    /// <summary>Every metric name, table by table.</summary>
    public static IReadOnlyList<string> Names { get; } = Tables.SelectMany(t => t.Columns.Select(c => t.Name + "." + c)).ToList();

    /// <summary>The metric named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static DailyMetric Parse(string parameter, string? name)
    {
        var trimmed = name?.Trim() ?? "";
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var table = dot > 0 ? Tables.FirstOrDefault(t => t.Name == trimmed[..dot]) : null;
        if (table is not null && table.Columns.Contains(trimmed[(dot + 1)..])) return new DailyMetric(trimmed, table.Name, trimmed[(dot + 1)..]);

        var hint = table is not null
            ? $"{table.Name} has these metrics: {string.Join(", ", table.Columns)}."
            : $"A metric is table.column, the table one of {string.Join(", ", Tables.Select(t => t.Name))}; for example readiness.score, sleep.main.average_hrv, activity.steps. Every metric: {string.Join(", ", Names)}.";
        throw new ToolInputException($"{parameter} '{name}' is not a daily metric. {hint}");
    }

    internal static MetricTable TableOf(DailyMetric metric) => Tables.Single(t => t.Name == metric.Table);
}

/// <summary>One day tool's rows as a source of metrics.</summary>
internal abstract class MetricTable(string name)
{
    public string Name { get; } = name;

    /// <summary>The numeric columns, dotted as the day tool's table names them.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The row record the columns come from (their descriptions state the units).</summary>
    public abstract Type RowType { get; }

    /// <summary>Each day's row as JSON, as the day tool writes it.</summary>
    public abstract Task<MetricRows> RowsAsync(IOuraClient oura, OuraListRequest request, CancellationToken cancellationToken);
}

internal sealed record MetricRows(IReadOnlyList<(DateOnly Day, JsonElement Row)> Rows, bool Complete, string? IncompleteReason)
{
    /// <summary>Whether every fetch was whole (every page, every document readable), and the answer's notices when not.</summary>
    public static (bool Complete, string? Reason) Outcome(IEnumerable<FetchedDocuments> fetched)
    {
        var outcomes = fetched.Select(f => f.Outcome).ToList();
        return outcomes.All(o => o.IsComplete) ? (true, null) : (false, string.Join(" ", FetchOutcome.Notices(outcomes)));
    }
}

internal sealed class MetricTable<TRow>(string name, DayView<TRow> view, Type? contributors) : MetricTable(name)
    where TRow : class
{
    private readonly Lazy<IReadOnlyList<string>> _columns = new(() => NumericColumns(typeof(TRow), contributors));

    public override IReadOnlyList<string> Columns => _columns.Value;

    public override Type RowType => typeof(TRow);

    public override async Task<MetricRows> RowsAsync(IOuraClient oura, OuraListRequest request, CancellationToken cancellationToken)
    {
        var fetched = await Task.WhenAll(view.Sources.Select(s => s.FetchAsync(oura, request, cancellationToken))).ConfigureAwait(false);
        var rows = view.Rows(new FetchedSet(fetched)).Select(r => (view.DayOf(r), ServerJson.ToElement(r))).ToList();
        var (complete, reason) = MetricRows.Outcome(fetched);
        return new MetricRows(rows, complete, reason);
    }

    private static List<string> NumericColumns(Type rowType, Type? contributors)
    {
        var columns = new List<string>();
        Add(ServerJson.Options.GetTypeInfo(rowType), "");
        return columns;

        void Add(JsonTypeInfo type, string prefix)
        {
            foreach (var property in type.Properties)
            {
                var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var info = ServerJson.Options.GetTypeInfo(valueType);
                if (info.Kind == JsonTypeInfoKind.Object && info.Properties.Count > 0) Add(info, prefix + property.Name + ".");
                else if (info.Kind == JsonTypeInfoKind.Dictionary && contributors is not null)
                {
                    // Score contributors are a map in the rows; their names are the contributor model's members.
                    columns.AddRange(OuraJson.Options.GetTypeInfo(contributors).Properties
                        .Where(p => IsNumber(p.PropertyType))
                        .Select(p => prefix + property.Name + "." + p.Name));
                }
                else if (IsNumber(valueType)) columns.Add(prefix + property.Name);
            }
        }
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(decimal));
}
