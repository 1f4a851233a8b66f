using System.Collections.Concurrent;
using OuraMcp.Accounts.Tokens;

namespace OuraMcp.Accounts.Refresh;

/// <summary>
/// One per process (register as a singleton): the per-account gate that makes refresh single-flight inside the
/// process, and the last token set seen, so a request does not read the store when the token is fresh.
/// Across processes, <see cref="Storage.ITokenStore.WithAccountLockAsync{T}"/> does the same job.
/// </summary>
public sealed class TokenRefreshCoordinator
{
    private readonly ConcurrentDictionary<string, AccountTokenState> _accounts = new(StringComparer.Ordinal);

    internal AccountTokenState For(string account) => _accounts.GetOrAdd(account, _ => new AccountTokenState());

    /// <summary>Drops what is cached for the account (after sign-out or a new sign-in elsewhere in the process).</summary>
    public void Forget(string account)
    {
        if (_accounts.TryGetValue(account, out var state)) state.Current = null;
    }
}

internal sealed class AccountTokenState
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    private OuraTokenSet? _current;

    public OuraTokenSet? Current { get => Volatile.Read(ref _current); set => Volatile.Write(ref _current, value); }
}
