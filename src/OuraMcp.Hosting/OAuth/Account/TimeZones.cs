namespace OuraMcp.Hosting.OAuth.Account;

/// <summary>The time zones a person may choose: IANA names this machine knows.</summary>
internal static class TimeZones
{
    /// <summary>Why <paramref name="zone"/> is not one, or null when it is.</summary>
    public static string? Problem(string zone) =>
        zone.Length is > 0 and <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId
            ? null
            : $"'{(zone.Length <= 64 ? zone : zone[..64] + "…")}' is not a time zone name this server knows. Use an IANA name such as Europe/Helsinki, America/New_York or UTC.";
}
