using System.ComponentModel;
using System.Text.Json;

namespace OuraMcp.Server.Answers;

/// <summary>
/// The shape of every list answer: a table of compact rows by default (<see cref="Columns"/> named once,
/// <see cref="Rows"/> as arrays of values), whole or projected <see cref="Documents"/> on request, and always whether
/// it is complete.
/// </summary>
/// <remarks>
/// A table rather than an array of objects because an agent's context pays for every repeated member name: 30 nights
/// of sleep as objects are about five times the size of the same values as a table. <typeparamref name="TRow"/> is the
/// row record the columns come from; <see cref="AnswerSchema"/> documents its columns in the tool's output schema.
/// </remarks>
public sealed record ListAnswer<TRow>
{
    [Description("First day (yyyy-MM-dd) or instant (ISO 8601) covered by the request.")]
    public string? Start { get; init; }

    [Description("Last day (inclusive) or end instant (exclusive) covered by the request.")]
    public string? End { get; init; }

    [Description("IANA time zone that decides local days and local times.")]
    public string? TimeZone { get; init; }

    [Description(AnswerSchema.ColumnsDescription)]
    public IReadOnlyList<string>? Columns { get; init; }

    [Description("The compact rows (default view): one array per row, its values in the order of columns; null where the row has no value.")]
    public IReadOnlyList<IReadOnlyList<JsonElement>>? Rows { get; init; }

    [Description("Whole Oura documents by collection name (detail=true), or projected ones (fields=...).")]
    public IReadOnlyDictionary<string, IReadOnlyList<JsonElement>>? Documents { get; init; }

    [Description("True when every page was fetched from Oura and nothing was cut from this answer.")]
    public bool Complete { get; init; }

    [Description("Requested days (yyyy-MM-dd) covered by this answer that have no data.")]
    public IReadOnlyList<string>? MissingDays { get; init; }

    [Description("Why the answer is incomplete or was cut, and what to do.")]
    public string? Notice { get; init; }

    [Description("Pass back as 'cursor' (alone or with the same arguments) to get the rest of the answer.")]
    public string? Cursor { get; init; }

    [Description("How much of the answer came from the local history instead of Oura, and how fresh it is; absent when no history is kept.")]
    public AnswerHistory? History { get; init; }
}
