using System.Globalization;

namespace OuraMcp.FakeOura.Data;

/// <summary>A person's wall clock: local times to instants with the real offset of that instant (DST included).</summary>
internal sealed class LocalClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The instant a wall-clock time names, carrying the offset in force then.</summary>
    /// <summary>Whole seconds only, as Oura's timestamps have.</summary>
    public DateTimeOffset At(DateOnly day, TimeSpan sinceMidnight) =>
        At(day.ToDateTime(TimeOnly.MinValue).AddSeconds(Math.Floor(sinceMidnight.TotalSeconds)));

    public DateTimeOffset At(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward: the clock reads the same distance past the gap.
            var before = Zone.GetUtcOffset(local.AddHours(-3));
            return Local(new DateTimeOffset(local - before, TimeSpan.Zero));
        }
        if (Zone.IsAmbiguousTime(local))
        {
            // Repeated by a fall-back: take the first occurrence, the larger (daylight) offset.
            var offset = Zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public DateTimeOffset Midnight(DateOnly day) => At(day, TimeSpan.Zero);

    public TimeSpan Offset(DateTimeOffset instant) => Zone.GetUtcOffset(instant.UtcDateTime);

    /// <summary>The instant shown with the person's offset at that instant.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset(instant));

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>Oura's LocalDateTime: wall-clock text without an offset.</summary>
    public string LocalText(DateTimeOffset instant) =>
        Local(instant).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Hours since local midnight of the instant's own day.</summary>
    public double LocalHour(DateTimeOffset instant) => Local(instant).TimeOfDay.TotalHours;
}
