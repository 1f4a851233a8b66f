using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Analytics;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Apps;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tools;

/// <summary>Statistics over any daily metric, each stating its n, window, method and interval.</summary>
[McpServerToolType]
[Toolset(Toolsets.Analytics)]
public sealed class AnalyticsTools(IDailyMetricSource metrics, TimeProvider time)
{
    private const string Metric =
        "A daily metric, table.column as the day tools name their columns: readiness.score, readiness.temperature_deviation, readiness.contributors.hrv_balance, " +
        "sleep.score, sleep.main.average_hrv, sleep.main.total_sleep_seconds, sleep.main.lowest_heart_rate, activity.steps, activity.active_calories, " +
        "stress.stress_high_seconds, spo2.average_spo2_percent, ... (an unknown name lists them all).";

    private const string Start = "First local day analysed, yyyy-MM-dd. Default: 89 days before end_date (90 days).";

    private const string End = "Last local day analysed, inclusive, yyyy-MM-dd. Default: today. At most 366 days.";

    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "trend", Title = "Trend of a metric", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(TrendAnswer))]
    [Description("Whether a daily metric is rising or falling: Theil–Sen slope per week with Sen's 95% interval and the Mann–Kendall p-value, over the days that have a value (at least 10; missing days are counted, never zero). Use for 'is my HRV improving', 'are my steps going down'.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max")]
    public async Task<CallToolResult> Trend(
        RequestContext<CallToolRequestParams> context,
        [Description(Metric)] string metric,
        [Description(Start)] string? start_date = null,
        [Description(End)] string? end_date = null,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        var parsed = DailyMetrics.Parse("metric", metric);
        var range = Range(start_date, end_date, person.Today(time));
        var series = await metrics.ReadAsync(person, parsed, range, cancellationToken).ConfigureAwait(false);
        var answer = TrendAnalysis.Analyse(series, person.TimeZone.Id);
        return Result(TrendAnalysis.Text(answer), ServerJson.ToElement(answer));
    }

    [McpServerTool(Name = "compare_periods", Title = "Compare two periods", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(CompareAnswer))]
    [Description("A daily metric in one period against another: difference of means (Welch interval and p-value) and of medians (bootstrap interval), Hedges' g and Cliff's delta with 95% intervals, each period's n and missing days (at least 5 days with a value each). Use for 'was my sleep better on holiday than before', 'this month against last'.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max")]
    public async Task<CallToolResult> ComparePeriods(
        RequestContext<CallToolRequestParams> context,
        [Description(Metric)] string metric,
        [Description("First day of the period asked about, yyyy-MM-dd.")] string start_date,
        [Description("Last day of the period, inclusive, yyyy-MM-dd.")] string end_date,
        [Description("First day of the period to compare with. Default: as many days as the period, ending the day before start_date.")] string? baseline_start_date = null,
        [Description("Last day of the period to compare with, inclusive. Default: the day before start_date.")] string? baseline_end_date = null,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        var parsed = DailyMetrics.Parse("metric", metric);
        var period = DayRange.Resolve(start_date, end_date, person.Today(time), AnalyticsLimits.MaxDays);
        var baseline = (baseline_start_date, baseline_end_date) switch
        {
            (null or "", null or "") => new DayRange(period.Start.AddDays(-period.Days), period.Start.AddDays(-1)),
            _ => Baseline(baseline_start_date, baseline_end_date, period.Days),
        };
        var all = new DayRange(Min(period.Start, baseline.Start), Max(period.End, baseline.End));
        if (all.Days > 2 * AnalyticsLimits.MaxDays)
        {
            throw new ToolInputException($"The two periods span {all.Days} days together; keep them within {2 * AnalyticsLimits.MaxDays} days of each other.");
        }

        var series = await metrics.ReadAsync(person, parsed, all, cancellationToken).ConfigureAwait(false);
        var answer = ComparisonAnalysis.Analyse(series, period, baseline, person.TimeZone.Id);
        return Result(ComparisonAnalysis.Text(answer), ServerJson.ToElement(answer));
    }

    [McpServerTool(Name = "correlate", Title = "Correlate two metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(CorrelateAnswer))]
    [Description("Whether one daily metric moves with another, the same day or up to 7 days later: Spearman's rho at each lag with n, a 95% interval and p-value, corrected (Bonferroni) for the lags tested; at least 10 day pairs per lag. Use for 'does a hard training day lower my readiness the day after', 'does sleep affect my steps'.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max")]
    public async Task<CallToolResult> Correlate(
        RequestContext<CallToolRequestParams> context,
        [Description("The leading metric (x): x on day d is paired with y on day d + lag. " + Metric)] string x_metric,
        [Description("The following metric (y), same names as x_metric.")] string y_metric,
        [Description(Start + " Days of y; x is read from max_lag days earlier.")] string? start_date = null,
        [Description(End)] string? end_date = null,
        [Description("Largest lag tested, 0-7 days (default 7): lags 0 to max_lag are tested and corrected for together.")] int max_lag = 7,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        var x = DailyMetrics.Parse("x_metric", x_metric);
        var y = DailyMetrics.Parse("y_metric", y_metric);
        if (max_lag is < 0 or > 7) throw new ToolInputException($"max_lag is {max_lag}; send a whole number of days from 0 to 7.");
        var range = Range(start_date, end_date, person.Today(time));
        var xRange = new DayRange(range.Start.AddDays(-max_lag), range.End);
        var reads = await Task.WhenAll(metrics.ReadAsync(person, x, xRange, cancellationToken), metrics.ReadAsync(person, y, range, cancellationToken)).ConfigureAwait(false);
        var answer = CorrelationAnalysis.Analyse(reads[0], reads[1], range, max_lag, person.TimeZone.Id);
        return Result(CorrelationAnalysis.Text(answer), ServerJson.ToElement(answer));
    }

    [McpServerTool(Name = "tag_effect", Title = "Effect of a tag", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(TagEffectAnswer))]
    [Description("A daily metric on the days after the person used a tag (alcohol, late meal, caffeine, sauna, a custom tag) against the other days: difference of means and medians, Hedges' g and Cliff's delta with 95% intervals and each group's n (at least 3 tagged and 5 other days with a value). Use for 'does alcohol lower my HRV', 'do late meals hurt my sleep'.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max", "enhanced_tag", "tag")]
    public async Task<CallToolResult> TagEffect(
        RequestContext<CallToolRequestParams> context,
        [Description("The tag as get_tags names it (e.g. tag_generic_late_meal, or a custom name); case, spaces and the tag_generic_ prefix are ignored, so 'late meal' matches.")] string tag,
        [Description(Metric)] string metric,
        [Description(Start + " Days of the metric.")] string? start_date = null,
        [Description(End)] string? end_date = null,
        [Description("Days from the tag to the metric's day, 0-7 (default 1: an evening tag and the next morning's sleep, readiness or HRV).")] int lag = 1,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        if (string.IsNullOrWhiteSpace(tag)) throw new ToolInputException("tag is empty; send a tag name as get_tags gives it, e.g. tag_generic_alcohol.");
        var parsed = DailyMetrics.Parse("metric", metric);
        if (lag is < 0 or > 7) throw new ToolInputException($"lag is {lag}; send a whole number of days from 0 to 7.");
        var range = Range(start_date, end_date, person.Today(time));
        var seriesTask = metrics.ReadAsync(person, parsed, range, cancellationToken);
        var tagsTask = metrics.ReadTagAsync(person, tag, new DayRange(range.Start.AddDays(-lag), range.End.AddDays(-lag)), cancellationToken);
        await Task.WhenAll(seriesTask, tagsTask).ConfigureAwait(false);
        var answer = TagEffectAnalysis.Analyse(await seriesTask.ConfigureAwait(false), await tagsTask.ConfigureAwait(false), tag.Trim(), lag, person.TimeZone.Id);
        return Result(TagEffectAnalysis.Text(answer), ServerJson.ToElement(answer));
    }

    [McpMeta(ChartApp.MetaKey, JsonValue = ChartApp.MetaValue), McpMeta(ChartApp.LegacyMetaKey, ChartApp.Uri)]
    [McpServerTool(Name = "anomalies", Title = "Unusual days", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(AnomaliesAnswer))]
    [Description("Days when a daily metric fell outside the person's own rolling baseline: each day against the median ± k scaled MADs of the window days before it (default 28 days, k = 3), with the value, the band and the robust z, and how many days were judged. Use for 'was anything unusual this month', 'when did my resting heart rate spike'.")]
    [ReadsCollections("daily_sleep", "sleep", "daily_readiness", "daily_activity", "daily_stress", "daily_resilience", "daily_spo2", "daily_cardiovascular_age", "vO2_max")]
    public async Task<CallToolResult> Anomalies(
        RequestContext<CallToolRequestParams> context,
        [Description(Metric)] string metric,
        [Description(Start + " Days judged; the baseline reaches window days before it.")] string? start_date = null,
        [Description(End)] string? end_date = null,
        [Description("Days before each day that make its baseline, 7-90 (default 28); at least half must have a value.")] int window = 28,
        [Description("Half-width of the band in scaled MADs (≈ SDs), 2-6 (default 3).")] double k = 3,
        CancellationToken cancellationToken = default)
    {
        var person = WhoIsAsking.Of(context);
        var parsed = DailyMetrics.Parse("metric", metric);
        if (window is < 7 or > 90) throw new ToolInputException($"window is {window}; send a number of days from 7 to 90.");
        if (k is < 2 or > 6 || !double.IsFinite(k)) throw new ToolInputException($"k is {k}; send a band half-width from 2 to 6.");
        var range = Range(start_date, end_date, person.Today(time));
        var series = await metrics.ReadAsync(person, parsed, new DayRange(range.Start.AddDays(-window), range.End), cancellationToken).ConfigureAwait(false);
        var answer = AnomalyAnalysis.Analyse(series, range, window, k, person.TimeZone.Id);
        return Result(AnomalyAnalysis.Text(answer), ServerJson.ToElement(answer));
    }

    /// <summary>The analysed days: 90 ending today unless told otherwise (a week, the day tools' default, is too short for statistics).</summary>
    private static DayRange Range(string? start, string? end, DateOnly today)
    {
        var first = DayRange.ParseDay("start_date", start);
        var last = DayRange.ParseDay("end_date", end);
        var days = AnalyticsLimits.DefaultDays - 1;
        var (s, e) = (first, last) switch
        {
            (null, null) => (today.AddDays(-days), today),
            ({ } f, null) => (f, f.AddDays(days) < today ? f.AddDays(days) : (f > today ? f : today)),
            (null, { } l) => (l.AddDays(-days), l),
            ({ } f, { } l) => (f, l),
        };
        return DayRange.Resolve(DayRange.Format(s), DayRange.Format(e), today, AnalyticsLimits.MaxDays);
    }

    private static DayRange Baseline(string? start, string? end, int periodDays)
    {
        var first = DayRange.ParseDay("baseline_start_date", start);
        var last = DayRange.ParseDay("baseline_end_date", end);
        var (s, e) = (first, last) switch
        {
            ({ } f, { } l) => (f, l),
            ({ } f, null) => (f, f.AddDays(periodDays - 1)),
            (null, { } l) => (l.AddDays(1 - periodDays), l),
            _ => throw new InvalidOperationException(),
        };
        if (e < s) throw new ToolInputException($"baseline_end_date {DayRange.Format(e)} is before baseline_start_date {DayRange.Format(s)}.");
        if (e.DayNumber - s.DayNumber + 1 > AnalyticsLimits.MaxDays)
        {
            throw new ToolInputException($"The baseline covers {e.DayNumber - s.DayNumber + 1} days; at most {AnalyticsLimits.MaxDays}.");
        }

        return new DayRange(s, e);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static CallToolResult Result(string text, JsonElement structured) =>
        new() { Content = [new TextContentBlock { Text = text }], StructuredContent = structured };
}
