using OuraMcp.History.Reading;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.People;

/// <summary>
/// Where a person's reads go through their local history (<see cref="HistoryReadThrough"/>): when the server keeps one
/// (<c>OURA_HISTORY_STORE</c>, or the default file a sync made), settled days come from it and only the rest from Oura.
/// Without a history, reads go to Oura unchanged, until <see cref="Open"/> starts one (the <c>sync_history</c> tool).
/// </summary>
public sealed class PersonHistory(IHistoryStore? kept, Func<IHistoryStore> create, TimeProvider time, string? temporaryFile = null) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly RecentFetches _recent = new(RecentFetches.DefaultFreshness);
    private IHistoryStore? _store = kept;

    /// <summary>No history until one is asked for, then a file of its own in the temporary folder, deleted on disposal.</summary>
    public static PersonHistory Temporary(TimeProvider time)
    {
        var file = Path.Combine(Path.GetTempPath(), $"oura-mcp-history-{Guid.NewGuid():N}.db");
        return new PersonHistory(null, () => new SqliteHistoryStore(file), time, file);
    }

    /// <summary>The history, once one is kept; null until then.</summary>
    public IHistoryStore? Store => Volatile.Read(ref _store);

    /// <summary>The history, started where the settings say if none is kept yet.</summary>
    public IHistoryStore Open()
    {
        lock (_gate) return _store ??= create();
    }

    /// <summary>
    /// A webhook's document was just fetched by id into the store: its days are answered from the store for a while
    /// instead of asked of Oura again by range (<see cref="RecentFetches"/>).
    /// </summary>
    public void Refreshed(string historyKey, OuraCollection collection, IEnumerable<DateOnly> days)
    {
        var now = time.GetUtcNow();
        foreach (var day in days) _recent.Record(historyKey, collection, new DayInterval(day, day), now);
    }

    /// <param name="oura">The person's own Oura client.</param>
    /// <param name="historyKey">Whose rows these are in the store (the person's id; locally, the account a sync keys).</param>
    public IOuraClient Through(IOuraClient oura, string historyKey) => new HistoryReadThrough(oura, () => Store, historyKey, time, _recent);

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable) await disposable.DisposeAsync().ConfigureAwait(false);
        if (temporaryFile is not null)
        {
            foreach (var file in new[] { temporaryFile, temporaryFile + "-wal", temporaryFile + "-shm" }) File.Delete(file);
        }
    }
}
