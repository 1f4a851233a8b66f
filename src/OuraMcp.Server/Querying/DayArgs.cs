namespace OuraMcp.Server.Querying;

/// <summary>The arguments every day tool shares, as the caller sent them (parsed by the runner, not by binding).</summary>
public sealed record DayArgs(string? StartDate, string? EndDate, bool Detail, string[]? Fields, string? Cursor);

/// <summary>The arguments of the time-series tools.</summary>
public sealed record SeriesArgs(
    string? StartDateTime, string? EndDateTime, string? StartDate, string? EndDate,
    string? Resolution, bool Latest, string? Cursor);
