using OuraMcp.History.Reading;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Client;

namespace OuraMcp.Server.People;

/// <summary>
/// Where a person's reads go through their local history (<see cref="HistoryReadThrough"/>): when the server keeps one
/// (<c>OURA_HISTORY_STORE</c>, or the default file a sync made), settled days come from it and only the rest from Oura.
/// Without a history, a person's client is Oura's, unchanged.
/// </summary>
public sealed class PersonHistory(IHistoryStore? store, TimeProvider time) : IAsyncDisposable
{
    public IHistoryStore? Store => store;

    /// <param name="oura">The person's own Oura client.</param>
    /// <param name="historyKey">Whose rows these are in the store (the person's id; locally, the account a sync keys).</param>
    public IOuraClient Through(IOuraClient oura, string historyKey) => store is null ? oura : new HistoryReadThrough(oura, store, historyKey, time);

    public async ValueTask DisposeAsync()
    {
        if (store is IAsyncDisposable disposable) await disposable.DisposeAsync().ConfigureAwait(false);
    }
}
