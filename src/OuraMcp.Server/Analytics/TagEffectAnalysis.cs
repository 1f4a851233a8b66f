using System.ComponentModel;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Analytics;

/// <summary>The tag_effect tool's answer.</summary>
public sealed record TagEffectAnswer
{
    public required string Metric { get; init; }

    [Description("The tag asked about.")]
    public required string Tag { get; init; }

    [Description("The person's tag names that matched it.")]
    public IReadOnlyList<string>? MatchedTags { get; init; }

    [Description("Days from the tag to the day of the metric: 1 compares each day with the day before's tags (the night after an evening tag).")]
    public int Lag { get; init; }

    [Description("First day of the metric analysed, yyyy-MM-dd.")]
    public required string Start { get; init; }

    [Description("Last day, inclusive.")]
    public required string End { get; init; }

    [Description("IANA time zone that decides local days.")]
    public required string TimeZone { get; init; }

    [Description("Days whose day lag days before had the tag.")]
    public required GroupValue AfterTag { get; init; }

    [Description("The other days.")]
    public required GroupValue WithoutTag { get; init; }

    [Description("After the tag minus without it.")]
    public GroupDifferences? Difference { get; init; }

    [Description("How the numbers were computed.")]
    public required string Method { get; init; }

    public double Confidence { get; init; }

    [Description("False when there were too few days to answer (see notice).")]
    public bool EnoughData { get; init; }

    [Description("True when every page was read from Oura.")]
    public bool Complete { get; init; }

    public string? Notice { get; init; }
}

/// <summary>A metric on days after a tag against the other days.</summary>
public static class TagEffectAnalysis
{
    public static TagEffectAnswer Analyse(DailySeries series, TagDays tags, string tag, int lag, string timeZone)
    {
        var after = new List<double>();
        var without = new List<double>();
        int afterDays = 0;
        foreach (var day in series.Range.EachDay())
        {
            var tagged = tags.Days.Contains(day.AddDays(-lag));
            if (tagged) afterDays++;
            if (series.On(day) is not { } value) continue;
            (tagged ? after : without).Add(value);
        }

        var answer = new TagEffectAnswer
        {
            Metric = series.Metric.Name, Tag = tag, MatchedTags = tags.Matched.Count > 0 ? tags.Matched : null, Lag = lag,
            Start = Days.Format(series.Range.Start), End = Days.Format(series.Range.End), TimeZone = timeZone,
            AfterTag = GroupValue.Of(after, afterDays - after.Count),
            WithoutTag = GroupValue.Of(without, series.Range.Days - afterDays - without.Count),
            Method = $"Days whose day {lag} before had the tag against all other days of the range. " + GroupDifferences.Method,
            Confidence = AnalyticsLimits.Confidence, Complete = series.Complete && tags.Complete,
        };
        if (tags.Matched.Count == 0)
        {
            var seen = tags.Seen.Count == 0 ? "The person used no tags in the range." : "Tags used in the range: " + string.Join(", ", tags.Seen) + ".";
            return answer with { Notice = $"No tag matching '{tag}' in the range. {seen}" };
        }

        if (after.Count < AnalyticsLimits.TaggedDays || without.Count < AnalyticsLimits.UntaggedDays)
        {
            return answer with
            {
                Notice = $"Too little data for tag_effect: it needs at least {AnalyticsLimits.TaggedDays} days after the tag and {AnalyticsLimits.UntaggedDays} without it " +
                         $"that have a value of {series.Metric.Name}; there are {after.Count} and {without.Count}. Ask for a longer range.",
            };
        }

        return answer with
        {
            EnoughData = true,
            Difference = GroupDifferences.Of(after, without, TrendAnalysis.Digits(after.Concat(without))),
            Notice = AnalyticsText.Incomplete(answer.Complete, series.IncompleteReason ?? tags.IncompleteReason),
        };
    }

    public static string Text(TagEffectAnswer a)
    {
        var head = $"{a.Metric} {a.Lag} day(s) after '{a.Tag}' ({(a.MatchedTags is { } m ? string.Join(", ", m) : "no match")}), {a.Start} to {a.End} ({a.TimeZone}): ";
        var groups = $"after the tag n = {a.AfterTag.N} (missing {a.AfterTag.MissingDays}), mean {Figures.Number(a.AfterTag.Mean)}, median {Figures.Number(a.AfterTag.Median)}; " +
                     $"without n = {a.WithoutTag.N} (missing {a.WithoutTag.MissingDays}), mean {Figures.Number(a.WithoutTag.Mean)}, median {Figures.Number(a.WithoutTag.Median)}.";
        if (!a.EnoughData) return head + a.Notice + "\n" + groups;
        return head + a.Difference!.Text("after the tag", "without") + "\n" + groups + "\nMethod: " + a.Method + (a.Notice is null ? "" : "\nNotice: " + a.Notice);
    }
}
