namespace OuraMcp.Oura.Client;

/// <summary>
/// What to list. Day collections take local days (<see cref="StartDay"/>..<see cref="EndDay"/>, both inclusive, in
/// <see cref="TimeZone"/>); time series take instants (<see cref="Start"/> inclusive, <see cref="End"/> exclusive),
/// or local days, which become the instants from the first day's midnight to the midnight after the last.
/// </summary>
public sealed record OuraListRequest
{
    public DateOnly? StartDay { get; init; }

    public DateOnly? EndDay { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>The user's time zone, which decides what a local day is. Defaults to UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Members to ask Oura for (the <c>fields</c> parameter), where the collection supports it; null for all.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Only the most recent row (the <c>latest</c> parameter of heartrate and ring_battery_level).</summary>
    public bool Latest { get; init; }

    /// <summary>Stop after this many pages (the result then says it is incomplete); null for the client's cap.</summary>
    public int? MaxPages { get; init; }

    /// <summary>Told after every page fetched, for progress notifications.</summary>
    public IProgress<OuraPageProgress>? Progress { get; init; }

    public static OuraListRequest ForDays(DateOnly startDay, DateOnly endDay, TimeZoneInfo timeZone) =>
        new() { StartDay = startDay, EndDay = endDay, TimeZone = timeZone };

    public static OuraListRequest Between(DateTimeOffset start, DateTimeOffset end) => new() { Start = start, End = end };
}

/// <summary>Where a multi-page fetch stands.</summary>
public readonly record struct OuraPageProgress(int PagesFetched, int ItemsSoFar, bool HasMore);

/// <summary>The documents or rows of a list call, and whether they are all there.</summary>
public sealed record OuraResult<T>
{
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary>True when every page was fetched.</summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>Why it is incomplete (the page cap, a <c>next_token</c> cycle), or null.</summary>
    public string? IncompleteReason { get; init; }

    public int PagesFetched { get; init; }

    /// <summary>Documents Oura sent that could not be read and were left out; asking again brings them back the same.</summary>
    public IReadOnlyList<OuraUnreadableDocument> Unreadable { get; init; } = [];

    /// <summary>Copies of a document Oura sent more than once (same id), left out so each document counts once.</summary>
    public int RepeatsRemoved { get; init; }

    /// <summary>The part of the answer served from the local history instead of asked of Oura now; null when none was.</summary>
    public StoredPart? FromHistory { get; init; }
}

/// <summary>
/// How much of a list answer came from the local history: <see cref="Days"/> of the <see cref="DaysAsked"/> local days,
/// the oldest of those copies fetched from Oura at <see cref="OldestFetch"/> (null when none of those days had a document).
/// </summary>
public sealed record StoredPart(int Days, int DaysAsked, DateTimeOffset? OldestFetch);
