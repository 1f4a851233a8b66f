using OuraMcp.Oura.Client;

namespace OuraMcp.Server.People;

/// <summary>
/// Who is asking: the one person an MCP request reads data for, resolved by <see cref="IPeople"/> from the identity the
/// transport validated, once per request, before any tool runs (<see cref="WhoIsAsking"/>). Everything below this seam
/// takes the person from here, never from a process-wide setting and never from tool arguments: their Oura client
/// (whose tokens, in-flight requests and request budget are theirs), their time zone, and the id that keys anything
/// kept for them.
/// </summary>
public sealed class Person
{
    /// <summary>Stable and unique among the people of this server; never a token.</summary>
    public required string Id { get; init; }

    /// <summary>Decides what "today" and a local day are for this person.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Reads this person's Oura data, with their tokens.</summary>
    public required IOuraClient Oura { get; init; }

    /// <summary>The person's local day now.</summary>
    public DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZone).DateTime);
}
