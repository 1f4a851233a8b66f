using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Views;

/// <summary>One tag or note, whichever of Oura's two tag collections it came from.</summary>
public sealed record TagRow
{
    public required string Day { get; init; }

    public required string Id { get; init; }

    [Description("enhanced_tag (the app's tags) or tag (older notes).")]
    public required string Kind { get; init; }

    [Description("The tag: its type code (e.g. tag_generic_caffeine), its custom name, or the note's tags.")]
    public string? Name { get; init; }

    [Description("Local start time as Oura recorded it.")]
    public string? Start { get; init; }

    [Description("Local end time, for tags with a duration.")]
    public string? End { get; init; }

    [Description("Free text the person added.")]
    public string? Comment { get; init; }
}

/// <summary>The tags toolset's view: both tag collections merged, one row per tag.</summary>
public static class TagViews
{
    private static readonly DaySource<Tag> TagSource = new(OuraCatalog.Tag, d => d.Day);
    private static readonly DaySource<EnhancedTag> EnhancedSource = new(OuraCatalog.EnhancedTag, d => d.StartDay);

    public static readonly DayView<TagRow> Tags = new()
    {
        Title = "Tags",
        Sources = [EnhancedSource, TagSource],
        Rows = Rows,
        DayOf = r => Days.Parse(r.Day),
    };

    private static IEnumerable<TagRow> Rows(FetchedSet set)
    {
        var enhanced = set.Of(OuraCatalog.EnhancedTag).Select(t => new TagRow
        {
            Day = Days.Format(t.StartDay),
            Id = t.Id,
            Kind = OuraCatalog.EnhancedTag.Name,
            Name = ReadinessViews.Text(t.CustomName) ?? ReadinessViews.Text(t.TagTypeCode),
            Start = ReadinessViews.Text(t.StartTime),
            End = ReadinessViews.Text(t.EndTime),
            Comment = ReadinessViews.Text(t.Comment),
        });
        var notes = set.Of(OuraCatalog.Tag).Select(t => new TagRow
        {
            Day = Days.Format(t.Day),
            Id = t.Id,
            Kind = OuraCatalog.Tag.Name,
            Name = t.Tags.Count > 0 ? string.Join(", ", t.Tags) : null,
            Start = ReadinessViews.Text(t.Timestamp),
            Comment = ReadinessViews.Text(t.Text),
        });
        return enhanced.Concat(notes).OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.Start, StringComparer.Ordinal);
    }
}
