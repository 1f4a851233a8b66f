namespace OuraMcp.Oura.Client;

/// <summary>Local days as instants: where a day begins in a time zone, and which day an instant falls on.</summary>
public static class LocalDays
{
    /// <summary>
    /// The instant a local day begins in <paramref name="zone"/>, with the offset in force at that instant, so a range
    /// across a DST change gets a different offset at each end.
    /// </summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(midnight))
        {
            // Zones that spring forward at midnight (e.g. America/Santiago) have no 00:00 that day: the day begins at
            // the end of the gap, which is midnight read with the offset in force before the change.
            var before = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight.AddDays(-1)));
            return TimeZoneInfo.ConvertTime(before, zone);
        }

        if (zone.IsAmbiguousTime(midnight))
        {
            // Midnight happens twice when clocks fall back onto it: the day begins at the first, the larger offset.
            return new DateTimeOffset(midnight, zone.GetAmbiguousTimeOffsets(midnight).Max());
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The local day <paramref name="instant"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
