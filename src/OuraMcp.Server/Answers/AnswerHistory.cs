using System.ComponentModel;
using System.Globalization;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Answers;

/// <summary>The part of an answer served from the local history, as the structured content states it.</summary>
public sealed record AnswerHistory
{
    [Description("Days of the answer served from the local history (settled days, which Oura no longer changes).")]
    public int DaysFromHistory { get; init; }

    [Description("Days the answer covers; the rest were asked of Oura now, and stored.")]
    public int DaysAsked { get; init; }

    [Description("When the oldest stored copy served was fetched from Oura (ISO 8601, UTC); absent when none was served.")]
    public string? OldestFetch { get; init; }

    public static AnswerHistory? From(StoredPart? part) => part is null
        ? null
        : new AnswerHistory
        {
            DaysFromHistory = part.Days,
            DaysAsked = part.DaysAsked,
            OldestFetch = part.OldestFetch?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        };

    /// <summary>The text twin's line.</summary>
    public string Describe()
    {
        var asked = DaysAsked - DaysFromHistory;
        var stored = DaysFromHistory == 0
            ? "no day from the local history"
            : $"{DaysFromHistory} of {DaysAsked} days from the local history" + (OldestFetch is null ? "" : $" (oldest copy fetched {OldestFetch})");
        return asked == 0 ? stored + "." : $"{stored}; {asked} asked of Oura now and stored.";
    }
}
