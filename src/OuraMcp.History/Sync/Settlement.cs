namespace OuraMcp.History.Sync;

/// <summary>
/// Which local days may still change upstream. Oura revises a day while the ring catches up and its scores are
/// recomputed, so today and the two days before are provisional and fetched again by every sync; older days are
/// settled, fetched once and then served from the store.
/// </summary>
public static class Settlement
{
    /// <summary>Today and the days before it that are still provisional.</summary>
    public const int ProvisionalDays = 3;

    /// <summary>The newest settled day when it is <paramref name="today"/>.</summary>
    public static DateOnly LastSettledDay(DateOnly today) => today.AddDays(-ProvisionalDays);

    public static bool IsSettled(DateOnly day, DateOnly today) => day <= LastSettledDay(today);
}
