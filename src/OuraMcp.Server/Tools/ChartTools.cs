using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Analytics;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Charts;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tools;

/// <summary>Charts as images, for clients that show images but not MCP Apps. The only tool that attaches an image: images cost the model's context.</summary>
[McpServerToolType]
[Toolset(Toolsets.Charts)]
public sealed class ChartTools(IDailyMetricSource metrics, TimeProvider time)
{
    private const int DefaultDays = 30;

    [McpServerTool(Name = "plot", Title = "Plot a metric", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(PlotAnswer))]
    [Description("A PNG line chart (800x400) of a daily metric over days, or of heart rate over a time range, with its unit, local dates in the person's time zone and missing data left as gaps; a one-line caption and the same facts as structured content come with it. Costs context: use when the person wants to see the data and the client shows images.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max", "heartrate")]
    public async Task<CallToolResult> Plot(
        RequestContext<CallToolRequestParams> context,
        [Description("What to draw: a daily metric as the analytics tools name it (readiness.score, sleep.main.average_hrv, sleep.main.total_sleep_seconds, activity.steps, ...; an unknown name lists them all), or heart_rate for the heart-rate series.")] string metric,
        [Description("First local day, yyyy-MM-dd. Default: 29 days before end_date for a daily metric (30 days); for heart_rate, the last 24 hours.")] string? start_date = null,
        [Description("Last local day, inclusive, yyyy-MM-dd. Default: today. At most 366 days for a daily metric, 7 for heart_rate.")] string? end_date = null,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        var zone = person.TimeZone;
        PlotSeries series;
        string? notice, start, end;
        if (metric?.Trim() == PlotReader.HeartRate)
        {
            var window = TimeWindow.Resolve(null, null, start_date, end_date, time.GetUtcNow(), zone, TimeSpan.FromDays(7));
            (series, notice) = await PlotReader.HeartRateAsync(person, window, cancellationToken).ConfigureAwait(false);
            (start, end) = (TimeWindow.Format(TimeZoneInfo.ConvertTime(window.Start, zone)), TimeWindow.Format(TimeZoneInfo.ConvertTime(window.End, zone)));
        }
        else
        {
            var range = Range(start_date, end_date, person.Today(time));
            (series, notice) = await PlotReader.DailyAsync(metrics, person, DailyMetrics.Parse("metric", metric), range, cancellationToken).ConfigureAwait(false);
            (start, end) = (DayRange.Format(range.Start), DayRange.Format(range.End));
        }

        var answer = new PlotAnswer
        {
            Metric = metric!.Trim(), Start = start, End = end, TimeZone = zone.Id, Unit = series.YLabel,
            Points = series.Points, Runs = series.Runs.Count, Notice = notice,
        };
        var structured = ServerJson.ToElement(answer);
        if (series.Points == 0)
        {
            return new() { Content = [new TextContentBlock { Text = $"{series.Title}: no values to plot. {notice}".Trim() }], StructuredContent = structured };
        }

        var caption = $"{series.Title}: {series.Points} points; {series.YLabel}.{(notice is null ? "" : " " + notice)}";
        return new()
        {
            Content = [new TextContentBlock { Text = caption }, ImageContentBlock.FromBytes(PngChart.Render(series), PngChart.MimeType)],
            StructuredContent = structured,
        };
    }

    /// <summary>The plotted days: 30 ending today unless told otherwise.</summary>
    private static DayRange Range(string? start, string? end, DateOnly today)
    {
        var (first, last) = (DayRange.ParseDay("start_date", start), DayRange.ParseDay("end_date", end));
        var (s, e) = (first, last) switch
        {
            (null, null) => (today.AddDays(1 - DefaultDays), today),
            ({ } f, null) => (f, f.AddDays(DefaultDays - 1) < today ? f.AddDays(DefaultDays - 1) : (f > today ? f : today)),
            (null, { } l) => (l.AddDays(1 - DefaultDays), l),
            ({ } f, { } l) => (f, l),
        };
        return DayRange.Resolve(DayRange.Format(s), DayRange.Format(e), today, AnalyticsLimits.MaxDays);
    }
}
