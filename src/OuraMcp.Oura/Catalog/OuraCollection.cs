using System.Text.Json.Serialization.Metadata;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Catalog;

/// <summary>How a list route is narrowed in time.</summary>
public enum RangeKind
{
    /// <summary>No range parameters (personal_info, ring_configuration).</summary>
    None,

    /// <summary><c>start_date</c>/<c>end_date</c>: documents that belong to a local day.</summary>
    Dates,

    /// <summary><c>start_datetime</c>/<c>end_datetime</c> with offset: time-series rows (heartrate, ring_battery_level).</summary>
    DateTimes,
}

/// <summary>
/// How the live API applies <c>start_date</c>/<c>end_date</c>, as measured (docs/oura-api.md §1).
/// The spec says nothing; the client widens its window and trims by the local day, the fake reproduces the quirk.
/// </summary>
public enum UpstreamDayFilter
{
    /// <summary>Filters on the document's local day, both ends inclusive (most day collections).</summary>
    LocalDayInclusive,

    /// <summary>
    /// Filters on the UTC date of an internal timestamp and treats <c>end_date</c> as exclusive:
    /// sleep (bedtime start), daily_activity (the 04:00 local start of its day), workout (its start).
    /// </summary>
    UtcDateEndExclusive,

    /// <summary>
    /// Not measured: events with a start time (sessions, tags), which Oura may file under their UTC date as it does
    /// workouts. Asked for with the same margin as <see cref="UtcDateEndExclusive"/> and trimmed to the local days, so
    /// an event just after local midnight in a zone far from UTC is never lost whichever way Oura filters.
    /// </summary>
    Unproven,
}

/// <summary>
/// One of Oura's 19 data collections, described once as data: the client, the fake Oura, the MCP tools,
/// the docs and the sync read this instead of each keeping its own copy.
/// </summary>
public abstract record OuraCollection
{
    /// <summary>The route segment, exactly as Oura spells it (note <c>vO2_max</c>).</summary>
    public required string Name { get; init; }

    /// <summary>A short human title.</summary>
    public required string Title { get; init; }

    public required RangeKind Range { get; init; }

    /// <summary>The OAuth scope that grants it; null for the newer types Oura lists no scope for.</summary>
    public string? Scope { get; init; }

    /// <summary>The <c>data_type</c> of webhook subscriptions (note <c>vo2_max</c>); null where Oura offers none.</summary>
    public string? WebhookDataType { get; init; }

    /// <summary>Whether <c>GET .../{document_id}</c> exists.</summary>
    public bool HasDocumentRoute { get; init; } = true;

    /// <summary>Whether a twin exists under <c>/v2/sandbox/usercollection</c> (all but personal_info).</summary>
    public bool HasSandbox { get; init; } = true;

    /// <summary>Whether the real list route honours <c>fields</c> (tag, enhanced_tag and daily_resilience accept and ignore it).</summary>
    public bool SupportsFields { get; init; } = true;

    /// <summary>Whether the real list route takes <c>latest</c> (heartrate and ring_battery_level).</summary>
    public bool SupportsLatest { get; init; }

    /// <summary>Whether the route returns one bare object instead of a page (personal_info).</summary>
    public bool IsSingleton { get; init; }

    /// <summary>The JSON member holding the document's local day, used to trim a widened window; null without one.</summary>
    public string? DayField { get; init; }

    public UpstreamDayFilter DayFilter { get; init; } = UpstreamDayFilter.LocalDayInclusive;

    /// <summary>
    /// Whether the client asks Oura for a margin of days around the local days wanted and trims the answer: Oura's own
    /// filter is not the local day, or not proven to be (docs/oura-api.md §1).
    /// </summary>
    public bool AsksWithMargin => DayFilter is not UpstreamDayFilter.LocalDayInclusive;

    /// <summary>The C# model of one document or row.</summary>
    public abstract Type ModelType { get; }

    public string Path => $"/v2/usercollection/{Name}";

    public string SandboxPath => $"/v2/sandbox/usercollection/{Name}";

    public string PathFor(bool sandbox) => sandbox ? SandboxPath : Path;

    /// <summary>Calls <paramref name="visitor"/> with this collection's model type, so generic code needs no type switch.</summary>
    public abstract TResult Accept<TResult>(IOuraCollectionVisitor<TResult> visitor);

    public override string ToString() => Name;
}

/// <summary>Generic code over "any collection": <see cref="OuraCollection.Accept{TResult}"/> calls it with the model type.</summary>
public interface IOuraCollectionVisitor<out TResult>
{
    TResult Visit<T>(OuraCollection<T> collection);
}

/// <summary>A collection whose documents are <typeparamref name="T"/>.</summary>
public sealed record OuraCollection<T> : OuraCollection
{
    public override Type ModelType => typeof(T);

    public override TResult Accept<TResult>(IOuraCollectionVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Source-generated metadata for one page of this collection.</summary>
    public JsonTypeInfo<OuraPage<T>> PageTypeInfo => (JsonTypeInfo<OuraPage<T>>)OuraJson.Options.GetTypeInfo(typeof(OuraPage<T>));

    /// <summary>Source-generated metadata for one document of this collection.</summary>
    public JsonTypeInfo<T> ModelTypeInfo => (JsonTypeInfo<T>)OuraJson.Options.GetTypeInfo(typeof(T));
}
