using OuraMcp.Oura.Catalog;

namespace OuraMcp.History.Storage;

/// <summary>
/// A person's Oura history: per collection, documents keyed by id and indexed by local day, each with its raw JSON
/// (so nothing is lost when Oura adds fields) and when it was fetched; plus the local days already settled, so a sync
/// resumes without fetching them again. Every call is keyed by the person.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Where the history is (a path, or a database without its password), for messages.</summary>
    string Location { get; }

    /// <summary>
    /// Stores what one fetch of <paramref name="window"/> returned, in one transaction: the documents of its days (of the
    /// whole collection when it has no days) are replaced by <see cref="HistoryWindow.Documents"/>, and its
    /// <see cref="HistoryWindow.Settled"/> days join the settled ones. An interruption leaves all of it or none.
    /// </summary>
    Task SaveWindowAsync(string person, OuraCollection collection, HistoryWindow window, CancellationToken cancellationToken);

    /// <summary>The stored documents whose local day lies in <paramref name="first"/>..<paramref name="last"/> (null: unbounded), by day then id.</summary>
    Task<IReadOnlyList<HistoryDocument>> ReadAsync(string person, OuraCollection collection, DateOnly? first, DateOnly? last, CancellationToken cancellationToken);

    /// <summary>The local days holding at least one stored document of <paramref name="collection"/>, most recent first.</summary>
    Task<IReadOnlyList<DateOnly>> DaysWithDataAsync(string person, OuraCollection collection, CancellationToken cancellationToken);

    /// <summary>The settled local days, as merged intervals in order.</summary>
    Task<IReadOnlyList<DayInterval>> GetSettledAsync(string person, OuraCollection collection, CancellationToken cancellationToken);

    /// <summary>Forgets one document (Oura deleted it). Returns whether it was there.</summary>
    Task<bool> RemoveAsync(string person, OuraCollection collection, string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps one document as Oura has it now (<paramref name="document"/>), or forgets it (null: Oura deleted it), in one
    /// transaction; the local days it was on and is on become provisional again, so a sync fetches them anew.
    /// </summary>
    /// <returns>Those local days (none for a collection without days).</returns>
    Task<IReadOnlyList<DateOnly>> ApplyChangeAsync(string person, OuraCollection collection, string documentId, HistoryDocument? document, CancellationToken cancellationToken);

    /// <summary>Forgets everything stored for the person (documents and settled days), in one transaction. Returns how many documents went.</summary>
    Task<int> ForgetPersonAsync(string person, CancellationToken cancellationToken);

    /// <summary>How many documents the person has per collection name (collections without documents are absent).</summary>
    Task<IReadOnlyDictionary<string, int>> CountAsync(string person, CancellationToken cancellationToken);
}

/// <summary>One stored document: its id, its local day (null for collections without days), its raw JSON, and when it was fetched.</summary>
public sealed record HistoryDocument(string Id, DateOnly? Day, string Json, DateTimeOffset FetchedAt);

/// <summary>
/// The result of fetching a range of local days (<see cref="First"/>..<see cref="Last"/>, both null for a collection
/// without days), and which of those days are now settled (null: none).
/// </summary>
public sealed record HistoryWindow(DateOnly? First, DateOnly? Last, IReadOnlyList<HistoryDocument> Documents, DayInterval? Settled);

/// <summary>Local days <see cref="First"/>..<see cref="Last"/>, both inclusive.</summary>
public readonly record struct DayInterval(DateOnly First, DateOnly Last)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    public override string ToString() => $"{First:yyyy-MM-dd}..{Last:yyyy-MM-dd}";
}

/// <summary>The history store could not be read or written; the message says what to do.</summary>
public sealed class HistoryStoreException(string message, Exception? inner = null) : Exception(message, inner);
