using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Completion;

/// <summary>Local days to offer for a date: the person's recent days, most recent first.</summary>
public static class DayCandidates
{
    /// <summary>How far back dates are offered: a year covers every range the tools and resources read.</summary>
    public const int DaysBack = 366;

    /// <summary>Today and the days before it, most recent first.</summary>
    public static IEnumerable<string> Recent(DateOnly today) => Between(today.AddDays(-(DaysBack - 1)), today);

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, most recent first.</summary>
    public static IEnumerable<string> Between(DateOnly first, DateOnly last)
    {
        for (var day = last; day >= first; day = day.AddDays(-1)) yield return DayRange.Format(day);
    }
}
