using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// Where signed-in accounts' tokens live, keyed by account id. Implementations encrypt at rest, never overwrite data
/// they could not read, and offer a critical section that holds across processes, so that a single-use refresh token
/// is spent by one process only.
/// </summary>
public interface ITokenStore
{
    /// <summary>A human-readable description of where the tokens are (a path, never a secret), for messages.</summary>
    string Location { get; }

    /// <summary>The account's tokens, or null when the account has not signed in. Throws <see cref="TokenStoreException"/> when the store cannot be read.</summary>
    Task<OuraTokenSet?> TryGetAsync(string account, CancellationToken cancellationToken);

    /// <summary>Stores (replaces) the account's tokens, durably, before returning.</summary>
    Task SaveAsync(string account, OuraTokenSet tokens, CancellationToken cancellationToken);

    /// <summary>Forgets the account. Returns whether it was there.</summary>
    Task<bool> RemoveAsync(string account, CancellationToken cancellationToken);

    /// <summary>Every account that has tokens, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> while holding the account's lock, exclusive across threads and processes that
    /// share this store. Calls to this store made from inside <paramref name="action"/> run under the same lock and
    /// read the store afresh. Throws <see cref="TokenStoreException"/> when the lock cannot be taken in time.
    /// </summary>
    Task<T> WithAccountLockAsync<T>(string account, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken);
}
