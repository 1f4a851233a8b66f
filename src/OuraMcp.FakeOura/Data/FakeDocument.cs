namespace OuraMcp.FakeOura.Data;

/// <summary>
/// One document or time-series row of a synthetic person, with what the fake needs to filter it as Oura does.
/// </summary>
/// <param name="Id">The document id (null for time-series rows, which have none).</param>
/// <param name="Day">The local day Oura reports for it (its <c>day</c> or <c>start_day</c>).</param>
/// <param name="Instant">
/// The internal timestamp Oura filters on where it does not filter on <paramref name="Day"/>: a sleep's bedtime start,
/// a daily activity's 04:00 local start, a workout's start, a row's timestamp; for other documents, the start of its day.
/// </param>
/// <param name="Model">The typed model (from OuraMcp.Oura.Models) that is served as JSON.</param>
public sealed record FakeDocument(string? Id, DateOnly Day, DateTimeOffset Instant, object Model);
