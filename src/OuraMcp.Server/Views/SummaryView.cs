using System.ComponentModel;
using System.Text.Json.Serialization;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Views;

/// <summary>One day with every daily score side by side; a value Oura has not computed is null, not left out.</summary>
public sealed record DaySummary
{
    public required string Day { get; init; }

    [Description("Sleep score 1-100.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? SleepScore { get; init; }

    [Description("Readiness score 1-100.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ReadinessScore { get; init; }

    [Description("Activity score 1-100.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ActivityScore { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Steps { get; init; }

    [Description("Stress summary: restored, normal or stressful.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Stress { get; init; }

    [Description("Resilience level: limited, adequate, solid, strong or exceptional.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Resilience { get; init; }
}

/// <summary>The summary toolset's view.</summary>
public static class SummaryView
{
    public static readonly DayView<DaySummary> Daily = new()
    {
        Title = "Daily summary",
        Sources =
        [
            new DaySource<DailySleep>(OuraCatalog.DailySleep, d => d.Day),
            new DaySource<DailyReadiness>(OuraCatalog.DailyReadiness, d => d.Day),
            new DaySource<DailyActivity>(OuraCatalog.DailyActivity, d => d.Day),
            new DaySource<DailyStress>(OuraCatalog.DailyStress, d => d.Day),
            new DaySource<DailyResilience>(OuraCatalog.DailyResilience, d => d.Day),
        ],
        Rows = Rows,
        DayOf = r => Days.Parse(r.Day),
    };

    private static IEnumerable<DaySummary> Rows(FetchedSet set)
    {
        var sleep = Last(set.Of(OuraCatalog.DailySleep), d => d.Day);
        var readiness = Last(set.Of(OuraCatalog.DailyReadiness), d => d.Day);
        var activity = Last(set.Of(OuraCatalog.DailyActivity), d => d.Day);
        var stress = Last(set.Of(OuraCatalog.DailyStress), d => d.Day);
        var resilience = Last(set.Of(OuraCatalog.DailyResilience), d => d.Day);
        return set.Days.Order().Select(day => new DaySummary
        {
            Day = Days.Format(day),
            SleepScore = sleep.GetValueOrDefault(day)?.Score,
            ReadinessScore = readiness.GetValueOrDefault(day)?.Score,
            ActivityScore = activity.GetValueOrDefault(day)?.Score,
            Steps = activity.GetValueOrDefault(day)?.Steps,
            Stress = ReadinessViews.Text(stress.GetValueOrDefault(day)?.DaySummary?.Value),
            Resilience = ReadinessViews.Text(resilience.GetValueOrDefault(day)?.Level.Value),
        });
    }

    private static Dictionary<DateOnly, T> Last<T>(IEnumerable<T> documents, Func<T, DateOnly> day) =>
        documents.GroupBy(day).ToDictionary(g => g.Key, g => g.Last());
}
