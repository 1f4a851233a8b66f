using System.Globalization;

namespace OuraMcp.Oura.Client;

/// <summary>
/// A document Oura sent that could not be read, left out of the answer so the rest survives.
/// </summary>
/// <param name="Collection">The collection's route name, e.g. <c>sleep</c>.</param>
/// <param name="Which">How to find it: <c>id '…'</c>, <c>day 2026-03-01</c>, or its place on the page.</param>
/// <param name="Placed">The document's own day or timestamp as Oura sent it, when it has one, so one outside the range asked for can be ignored.</param>
/// <param name="Field">The member that could not be read (a JSON path below the document, e.g. <c>bedtime_start</c>).</param>
/// <param name="Value">The value Oura sent there, cut short; null when no single value is at fault.</param>
public sealed record OuraUnreadableDocument(string Collection, string Which, string? Placed, string Field, string? Value)
{
    /// <summary>Longest value echoed back: enough to recognise it, never enough to flood an answer.</summary>
    public const int MaxValueLength = 40;

    /// <summary>One sentence fragment: "sleep id 'abc' (field bedtime_start = "not a date")".</summary>
    public string Describe() => Value is null
        ? $"{Collection} {Which} ({Field})"
        : string.Create(CultureInfo.InvariantCulture, $"{Collection} {Which} (field {Field} = {Value})");

    /// <summary>A value cut to <see cref="MaxValueLength"/> characters, with an ellipsis when it was longer.</summary>
    public static string Shorten(string value) =>
        value.Length <= MaxValueLength ? value : value[..MaxValueLength] + "…";
}
