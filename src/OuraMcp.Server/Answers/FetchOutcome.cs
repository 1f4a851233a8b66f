using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.Answers;

/// <summary>How one collection's fetch went, whatever its document type: what an answer must own up to.</summary>
public sealed record FetchOutcome(
    string Collection, bool AllPages, string? IncompleteReason, IReadOnlyList<OuraUnreadableDocument> Unreadable, int RepeatsRemoved,
    StoredPart? FromHistory = null)
{
    /// <summary>Most unreadable documents named in one notice; the rest are counted.</summary>
    private const int MaxNamed = 5;

    /// <summary>Every page read and every document on them readable.</summary>
    public bool IsComplete => AllPages && Unreadable.Count == 0;

    public static FetchOutcome Of<T>(OuraCollection<T> collection, OuraResult<T> result) =>
        new(collection.Name, result.IsComplete, result.IncompleteReason, result.Unreadable, result.RepeatsRemoved, result.FromHistory);

    /// <summary>
    /// How much of an answer read from several collections came from the local history: a day counts as stored only
    /// when every collection served it from the store; null when no collection went through the store.
    /// </summary>
    public static StoredPart? FromHistoryOf(IEnumerable<FetchOutcome> outcomes)
    {
        var parts = outcomes.Select(o => o.FromHistory).OfType<StoredPart>().ToList();
        if (parts.Count == 0) return null;
        var fetches = parts.Select(p => p.OldestFetch).OfType<DateTimeOffset>().ToList();
        return new StoredPart(parts.Min(p => p.Days), parts.Max(p => p.DaysAsked), fetches.Count == 0 ? null : fetches.Min());
    }

    /// <summary>The sentences an answer carries about its fetches: pages missing, documents left out, repeats removed.</summary>
    public static List<string> Notices(IEnumerable<FetchOutcome> outcomes)
    {
        var notices = new List<string>();
        var all = outcomes.ToList();
        foreach (var cut in all.Where(o => !o.AllPages))
        {
            notices.Add($"Oura did not return every page of {cut.Collection} ({cut.IncompleteReason ?? "stopped early"}); days may be missing. " +
                        "Retry, or ask for a shorter range.");
        }

        var unreadable = all.SelectMany(o => o.Unreadable).ToList();
        if (unreadable.Count > 0)
        {
            var named = string.Join("; ", unreadable.Take(MaxNamed).Select(u => u.Describe()));
            var more = unreadable.Count > MaxNamed ? $"; and {unreadable.Count - MaxNamed} more" : "";
            notices.Add($"Left out {Plural(unreadable.Count, "document")} Oura sent in a shape it does not document: {named}{more}. " +
                        "Everything else is served. Asking again returns the same data until Oura corrects it.");
        }

        var repeats = all.Sum(o => o.RepeatsRemoved);
        if (repeats > 0)
        {
            notices.Add($"Oura sent {Plural(repeats, "copy", "copies")} of documents already sent; each document is counted once.");
        }

        return notices;
    }

    private static string Plural(int count, string one, string? many = null) => count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";
}
