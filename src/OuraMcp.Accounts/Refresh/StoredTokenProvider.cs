using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Accounts.Tokens;
using OuraMcp.Oura.Auth;

namespace OuraMcp.Accounts.Refresh;

/// <summary>Tuning for <see cref="StoredTokenProvider"/>.</summary>
public sealed class StoredTokenProviderOptions
{
    /// <summary>Refresh this long before the access token expires, so no request goes out with a token about to die.</summary>
    public TimeSpan RefreshSkew { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The token of one stored account, for the Oura client. A refresh spends a single-use refresh token, so it runs
/// once at a time per account in the process (the coordinator's gate) and across processes (the store's lock); under
/// the lock the store is read again and the refresh skipped when someone else already did it; the new set is saved
/// before its access token is handed out. An <c>invalid_grant</c> keeps the stored tokens and says to sign in again.
/// </summary>
public sealed partial class StoredTokenProvider(
    string account,
    ITokenStore store,
    OAuthClient oauth,
    TokenRefreshCoordinator coordinator,
    TimeProvider timeProvider,
    ILogger<StoredTokenProvider>? logger = null,
    StoredTokenProviderOptions? options = null) : IOuraTokenProvider
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly TimeSpan _skew = (options ?? new StoredTokenProviderOptions()).RefreshSkew;
    private readonly AccountTokenState _state = coordinator.For(account);

    public string Account => account;

    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var current = _state.Current;
        if (current is not null && current.IsFreshAt(timeProvider.GetUtcNow(), _skew)) return current.AccessToken;
        if (current is null)
        {
            current = await store.TryGetAsync(account, cancellationToken).ConfigureAwait(false);
            if (current is null) return null;
            _state.Current = current;
            if (current.IsFreshAt(timeProvider.GetUtcNow(), _skew)) return current.AccessToken;
        }
        LogRefreshingAhead(_logger, account, current.ExpiresAt);
        return await RefreshAsync(rejectedToken: null, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        await RefreshAsync(rejectedToken, cancellationToken).ConfigureAwait(false);

    private async Task<string?> RefreshAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        await _state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller in this process may have refreshed while this one waited at the gate.
            if (Usable(_state.Current, rejectedToken) is { } settled) return settled.AccessToken;

            // A span and a count for each refresh that reached the store's lock, by how it ended.
            using var activity = RefreshTelemetry.Source.StartActivity(RefreshTelemetry.RefreshSpan);
            var outcome = "failed";
            try
            {
                return await store.WithAccountLockAsync(account, async ct =>
                {
                    // The store is the truth: another process may have refreshed (and spent the refresh token we know).
                    var stored = await store.TryGetAsync(account, ct).ConfigureAwait(false);
                    if (stored is null)
                    {
                        outcome = "signed_out";
                        _state.Current = null;
                        return null;
                    }
                    if (Usable(stored, rejectedToken) is { } refreshedElsewhere)
                    {
                        outcome = "already_refreshed";
                        LogAlreadyRefreshed(_logger, account);
                        _state.Current = refreshedElsewhere;
                        return refreshedElsewhere.AccessToken;
                    }

                    OuraTokenSet refreshed;
                    try
                    {
                        LogRefreshing(_logger, account, stored.TokenEndpoint);
                        refreshed = await oauth.RefreshAsync(stored, ct).ConfigureAwait(false);
                    }
                    catch (OuraSignInRequiredException e)
                    {
                        // Kept, not deleted: the person may restore access, and `auth status` can still say which account it was.
                        _state.Current = stored;
                        outcome = "sign_in_required";
                        LogSignInRequired(_logger, account);
                        throw new OuraSignInRequiredException(
                            $"Oura no longer accepts the sign-in of account '{account}' (invalid_grant): the refresh token was already used, expired or was revoked.", e);
                    }

                    // Persist before use: the old refresh token is dead now, and this set is the only way back in.
                    _state.Current = refreshed;
                    await SaveWithRetryAsync(refreshed, ct).ConfigureAwait(false);
                    outcome = "refreshed";
                    LogRefreshed(_logger, account, refreshed.ExpiresAt, refreshed.TokenEndpoint);
                    return refreshed.AccessToken;
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                RefreshTelemetry.Count(activity, outcome);
            }
        }
        finally
        {
            _state.Gate.Release();
        }
    }

    /// <summary>A set that can be used instead of refreshing: fresh, and not the token Oura just rejected.</summary>
    private OuraTokenSet? Usable(OuraTokenSet? candidate, string? rejectedToken) =>
        candidate is not null && candidate.AccessToken != rejectedToken && candidate.IsFreshAt(timeProvider.GetUtcNow(), _skew) ? candidate : null;

    private async Task SaveWithRetryAsync(OuraTokenSet refreshed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not the caller's token: giving up on a save half way would lose the only valid refresh token.
                await store.SaveAsync(account, refreshed, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (TokenStoreException e) when (attempt < 3)
            {
                LogSaveRetry(_logger, account, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), timeProvider, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The access token of account {Account} expires at {ExpiresAt:O}; refreshing ahead of expiry")]
    private static partial void LogRefreshingAhead(ILogger logger, string account, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshing the Oura sign-in of account {Account} at the {Endpoint} token endpoint")]
    private static partial void LogRefreshing(ILogger logger, string account, TokenEndpointKind endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed and saved the Oura sign-in of account {Account}; the access token expires at {ExpiresAt:O} ({Endpoint} endpoint)")]
    private static partial void LogRefreshed(ILogger logger, string account, DateTimeOffset expiresAt, TokenEndpointKind endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account} was already refreshed by another process or instance; using its token")]
    private static partial void LogAlreadyRefreshed(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Oura refused the refresh of account {Account} (invalid_grant); the stored tokens are kept and the person must sign in again")]
    private static partial void LogSignInRequired(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving the refreshed tokens of account {Account} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogSaveRetry(ILogger logger, string account, int attempt, string reason);
}
