using FluentAssertions;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Tests;

/// <summary>Whole local days as a window of instants, on days whose midnight is skipped or happens twice.</summary>
public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static TimeWindow Days(string first, string last, string zone) =>
        TimeWindow.Resolve(null, null, first, last, Now, TimeZoneInfo.FindSystemTimeZoneById(zone), TimeSpan.FromDays(31));

    [Fact]
    public void A_day_whose_midnight_happens_twice_begins_at_the_first_midnight()
    {
        // Havana falls back from 01:00 to 00:00 on 2026-11-01: that day has 25 hours, all of them in the window.
        var window = Days("2026-11-01", "2026-11-01", "America/Havana");

        window.Start.Should().Be(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)));
        window.Length.Should().Be(TimeSpan.FromHours(25));
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_begins_at_the_end_of_the_gap()
    {
        // Santiago springs forward at midnight on 2026-09-06: the day begins at 01:00 local and has 23 hours.
        var window = Days("2026-09-06", "2026-09-06", "America/Santiago");

        window.Start.Should().Be(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)));
        window.Length.Should().Be(TimeSpan.FromHours(23));
    }
}
