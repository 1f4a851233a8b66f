using System.ComponentModel;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Views;

/// <summary>One rest mode period.</summary>
public sealed record RestModeRow
{
    [Description("First day of rest mode.")]
    public required string Day { get; init; }

    public required string Id { get; init; }

    [Description("Last day of rest mode; absent while it is still on.")]
    public string? EndDay { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    [Description("Tags the person chose during the period (symptoms, reasons).")]
    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>One ring the person has set up.</summary>
public sealed record RingRow
{
    public required string Id { get; init; }

    [Description("e.g. gen3, gen4, or5.")]
    public string? HardwareType { get; init; }

    public string? Design { get; init; }

    public string? Color { get; init; }

    [Description("US ring size.")]
    public int? Size { get; init; }

    public string? FirmwareVersion { get; init; }

    [Description("When the ring was set up, UTC.")]
    public string? SetUpAt { get; init; }
}

/// <summary>The device toolset's day view (battery is a time series, see <see cref="SeriesViews"/>).</summary>
public static class DeviceViews
{
    public static readonly DayView<RestModeRow> RestMode = DayView<RestModeRow>.Single(
        "Rest mode periods", OuraCatalog.RestModePeriod, d => d.StartDay,
        p => new RestModeRow
        {
            Day = Days.Format(p.StartDay),
            Id = p.Id,
            EndDay = p.EndDay is { } e ? Days.Format(e) : null,
            Start = p.StartTime is { } s ? Durations.LocalDateTime(s) : null,
            End = p.EndTime is { } t ? Durations.LocalDateTime(t) : null,
            Tags = p.Episodes.SelectMany(e => e.Tags).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } tags ? tags : null,
        },
        r => Days.Parse(r.Day));

    public static RingRow Ring(Oura.Models.RingConfiguration r) => new()
    {
        Id = r.Id,
        HardwareType = ReadinessViews.Text(r.HardwareType?.Value),
        Design = ReadinessViews.Text(r.Design?.Value),
        Color = ReadinessViews.Text(r.Color?.Value),
        Size = r.Size,
        FirmwareVersion = r.FirmwareVersion,
        SetUpAt = r.SetUpAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };
}
