using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Analytics;
using OuraMcp.Server.Answers;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Charts;

/// <summary>Reads what the plot tool draws: a daily metric (the analytics' metric source) or the heart-rate series.</summary>
public static class PlotReader
{
    public const string HeartRate = "heart_rate";

    /// <summary>A daily metric's days, through the same source the analytics read; durations in hours.</summary>
    public static async Task<(PlotSeries Series, string? Notice)> DailyAsync(
        IDailyMetricSource metrics, Person person, DailyMetric metric, DayRange range, CancellationToken cancellationToken)
    {
        var read = await metrics.ReadAsync(person, metric, range, cancellationToken).ConfigureAwait(false);
        var hours = metric.Column.EndsWith("_seconds", StringComparison.Ordinal);
        var points = read.In(range).Select(d => new PlotPoint(d.Day.ToDateTime(TimeOnly.MinValue), hours ? d.Value / 3600 : d.Value));
        var unit = Describe(metric) is { } text ? (hours ? text.Replace("seconds", "hours", StringComparison.Ordinal) : text) : metric.Name;
        var series = new PlotSeries(
            $"{metric.Name}, {DayRange.Format(range.Start)} to {DayRange.Format(range.End)} ({person.TimeZone.Id})", unit.TrimEnd('.'), $"Day ({person.TimeZone.Id})",
            PlotSeries.Split(points, TimeSpan.FromDays(1)), Daily: true);
        string?[] notices = [read.MissingDays > 0 ? $"{read.MissingDays} of {range.Days} days have no value and are left as gaps." : null, read.IncompleteReason];
        var notice = string.Join(" ", notices.Where(n => !string.IsNullOrWhiteSpace(n)));
        return (series, notice.Length == 0 ? null : notice);
    }

    /// <summary>Heart rate as five-minute means at local times; a pause of more than 15 minutes is a gap.</summary>
    public static async Task<(PlotSeries Series, string? Notice)> HeartRateAsync(Person person, TimeWindow window, CancellationToken cancellationToken)
    {
        var view = SeriesViews.HeartRate;
        var zone = person.TimeZone;
        var result = await person.Oura.ListAsync(view.Collection, OuraListRequest.Between(window.Start, window.End) with { TimeZone = zone }, cancellationToken).ConfigureAwait(false);
        var points = result.Data
            .Where(s => view.Time(s) >= window.Start && view.Time(s) < window.End)
            .GroupBy(s => Resolutions.BucketStart(TimeZoneInfo.ConvertTime(view.Time(s), zone), Resolution.FiveMinutes, zone))
            .OrderBy(g => g.Key)
            .Select(g => new PlotPoint(g.Key.DateTime, g.Average(view.Value)));
        var span = $"{TimeWindow.Format(TimeZoneInfo.ConvertTime(window.Start, zone))[..16].Replace('T', ' ')} to {TimeWindow.Format(TimeZoneInfo.ConvertTime(window.End, zone))[..16].Replace('T', ' ')}";
        var series = new PlotSeries(
            $"Heart rate, {span} ({zone.Id})", "Heart rate, bpm (5-minute mean)", $"Local time ({zone.Id})",
            PlotSeries.Split(points, TimeSpan.FromMinutes(15)), Daily: false);
        var notices = FetchOutcome.Notices([FetchOutcome.Of(view.Collection, result)]);
        return (series, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    /// <summary>The metric's column description (which states its unit), from the row record the day tool answers with.</summary>
    private static string? Describe(DailyMetric metric)
    {
        var type = ServerJson.Options.GetTypeInfo(DailyMetrics.TableOf(metric).RowType);
        string? description = null;
        foreach (var step in metric.Column.Split('.'))
        {
            var property = type?.Properties.FirstOrDefault(p => p.Name == step);
            if (property is null) return description;
            description = (property.AttributeProvider as ICustomAttributeProvider)?.GetCustomAttributes(typeof(DescriptionAttribute), true)
                .OfType<DescriptionAttribute>().FirstOrDefault()?.Description ?? description;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var info = ServerJson.Options.GetTypeInfo(valueType);
            type = info.Kind == JsonTypeInfoKind.Object ? info : null;
        }

        return description;
    }
}
