using System.Security.Cryptography;
using System.Text;
using OuraMcp.Oura.Client;

namespace OuraMcp.Oura.Http;

/// <summary>
/// The client-side request budget, one per process (register it as a singleton): a token bucket per user (by their
/// <see cref="OuraRequestOptions.UserKey"/>, else per access token)
/// and one for the whole application, mirroring Oura's two rate-limit layers, so the server slows down before
/// Oura answers 429. After a 429 the layer that fired is blocked until Oura's reset, so concurrent requests wait
/// (or fail fast) instead of each collecting their own 429. Buckets are keyed by a hash of the token, never the token.
/// Several instances of one hosted server share the application's bucket through an <see cref="ISharedApplicationBudget"/>;
/// the per-user buckets stay in the process either way.
/// </summary>
public sealed class OuraRateBudget
{
    /// <summary>The <see cref="Errors.OuraRateLimitedException.Tier"/> of a rejection by this budget.</summary>
    public const string ClientTier = "client";

    // Past this many per-token buckets, full and idle ones are forgotten (a hosted server sees many users).
    private const int TrimThreshold = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, TokenBucket> _tokenBuckets = new(StringComparer.Ordinal);
    private readonly TokenBucket _applicationBucket;
    private readonly OuraClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ISharedApplicationBudget? _shared;
    private int? _sharedAvailable;

    /// <param name="options">Budget sizes, window and the longest wait worth waiting.</param>
    /// <param name="timeProvider">The clock the buckets refill by.</param>
    /// <param name="shared">The application's budget when instances share it; null keeps it in this process.</param>
    public OuraRateBudget(OuraClientOptions options, TimeProvider timeProvider, ISharedApplicationBudget? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PerTokenRequestLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PerApplicationRequestLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RateLimitWindow, TimeSpan.Zero);
        _options = options;
        _timeProvider = timeProvider;
        _shared = shared;
        _applicationBucket = new TokenBucket(options.PerApplicationRequestLimit, options.RateLimitWindow, timeProvider.GetUtcNow());
    }

    /// <summary>
    /// The bucket key of an access token: a truncated SHA-256, so diagnostics and memory never hold the token itself.
    /// </summary>
    public static string KeyFor(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return "tok_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)), 0, 8);
    }

    /// <summary>The bucket key of a user (<see cref="OuraRequestOptions.UserKey"/>), hashed like a token's so that keys look alike.</summary>
    public static string KeyForUser(string userKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        return "usr_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userKey)), 0, 8);
    }

    /// <summary>The budget's state now, for diagnostics. Per-token entries carry only the hashed key.</summary>
    public OuraRateBudgetSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            return new OuraRateBudgetSnapshot(
                now,
                _shared is not null && _sharedAvailable is { } shared
                    ? new OuraBucketState("application", _applicationBucket.Capacity, shared, null, null)
                    : StateOf("application", _applicationBucket, now),
                _tokenBuckets.Select(pair => StateOf(pair.Key, pair.Value, now)).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray());
        }
    }

    /// <summary>
    /// Takes one request from the token's bucket (when <paramref name="tokenKey"/> is set) and the application's.
    /// Returns how long the caller must wait before sending; throws <see cref="Errors.OuraRateLimitedException"/>
    /// without taking anything when that wait exceeds <see cref="OuraClientOptions.MaxRateLimitWait"/>.
    /// </summary>
    internal BudgetReservation Reserve(string? tokenKey)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var tokenBucket = tokenKey is null ? null : TokenBucketFor(tokenKey, now);
            var applicationWait = _applicationBucket.WaitFor(now);
            var tokenWait = tokenBucket?.WaitFor(now) ?? TimeSpan.Zero;
            var (wait, limiting) = tokenBucket is not null && tokenWait >= applicationWait ? (tokenWait, tokenBucket) : (applicationWait, _applicationBucket);

            if (wait > _options.MaxRateLimitWait)
            {
                // A layer Oura itself closed is reported as Oura's limit: that is what the agent must wait out.
                throw limiting.IsBlockedBeyond(now, wait)
                    ? OuraRateLimitSignal.OuraRejection(limiting.BlockedTier, wait)
                    : OuraRateLimitSignal.ClientRejection(wait);
            }

            tokenBucket?.Take(now);
            _applicationBucket.Take(now);
            return new BudgetReservation(tokenKey, wait);
        }
    }

    /// <summary>
    /// <see cref="Reserve"/>, with the application's request taken from the shared budget when there is one: the
    /// person's bucket first (in the process, no round trip when it alone says no), then the shared one; a refusal
    /// there gives the person's request back. When the shared budget cannot be asked, this process's own bucket
    /// stands in for it, so a database outage slows nothing down (Oura's own 429s still hold the line).
    /// </summary>
    internal async ValueTask<BudgetReservation> ReserveAsync(string? tokenKey, CancellationToken cancellationToken)
    {
        if (_shared is null) return Reserve(tokenKey);

        TimeSpan tokenWait;
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var tokenBucket = tokenKey is null ? null : TokenBucketFor(tokenKey, now);
            tokenWait = tokenBucket?.WaitFor(now) ?? TimeSpan.Zero;
            if (tokenWait > _options.MaxRateLimitWait)
            {
                throw tokenBucket!.IsBlockedBeyond(now, tokenWait)
                    ? OuraRateLimitSignal.OuraRejection(tokenBucket.BlockedTier, tokenWait)
                    : OuraRateLimitSignal.ClientRejection(tokenWait);
            }

            tokenBucket?.Take(now);
        }

        SharedBudgetAnswer? answer;
        try
        {
            answer = await _shared.TryTakeAsync(_options.MaxRateLimitWait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ReturnToken(tokenKey);
            throw;
        }

        if (answer is not { } shared) return ReserveLocalApplication(tokenKey, tokenWait);
        lock (_gate) _sharedAvailable = shared.Available;
        if (!shared.Taken)
        {
            ReturnToken(tokenKey);
            throw shared.BlockedTier is not null
                ? OuraRateLimitSignal.OuraRejection(shared.BlockedTier, shared.Wait)
                : OuraRateLimitSignal.ClientRejection(shared.Wait);
        }

        return new BudgetReservation(tokenKey, shared.Wait > tokenWait ? shared.Wait : tokenWait, Shared: true);
    }

    /// <summary>The caller gave up while waiting for its reservation: give the request back, where it was taken.</summary>
    internal async ValueTask ReleaseAsync(BudgetReservation reservation)
    {
        if (!reservation.Shared)
        {
            Release(reservation);
            return;
        }

        ReturnToken(reservation.TokenKey);
        await _shared!.ReturnAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary><see cref="BlockAfterRejection"/>, telling the other instances too when the application layer fired.</summary>
    internal async ValueTask BlockAfterRejectionAsync(string? tokenKey, OuraRateLimitLayer layer, TimeSpan wait, string? tier)
    {
        BlockAfterRejection(tokenKey, layer, wait, tier);
        if (_shared is not null && (layer == OuraRateLimitLayer.Application || tokenKey is null))
            await _shared.BlockAsync(wait, tier, CancellationToken.None).ConfigureAwait(false);
    }

    private BudgetReservation ReserveLocalApplication(string? tokenKey, TimeSpan tokenWait)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var applicationWait = _applicationBucket.WaitFor(now);
            if (applicationWait > _options.MaxRateLimitWait)
            {
                ReturnTokenLocked(tokenKey, now);
                throw _applicationBucket.IsBlockedBeyond(now, applicationWait)
                    ? OuraRateLimitSignal.OuraRejection(_applicationBucket.BlockedTier, applicationWait)
                    : OuraRateLimitSignal.ClientRejection(applicationWait);
            }

            _applicationBucket.Take(now);
            return new BudgetReservation(tokenKey, applicationWait > tokenWait ? applicationWait : tokenWait);
        }
    }

    private void ReturnToken(string? tokenKey)
    {
        lock (_gate) ReturnTokenLocked(tokenKey, _timeProvider.GetUtcNow());
    }

    private void ReturnTokenLocked(string? tokenKey, DateTimeOffset now)
    {
        if (tokenKey is not null && _tokenBuckets.TryGetValue(tokenKey, out var bucket)) bucket.Return(now);
    }

    /// <summary>The caller gave up while waiting for its reservation: give the request back.</summary>
    internal void Release(BudgetReservation reservation)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            _applicationBucket.Return(now);
            if (reservation.TokenKey is not null && _tokenBuckets.TryGetValue(reservation.TokenKey, out var bucket)) bucket.Return(now);
        }
    }

    /// <summary>Oura answered 429: send nothing more on that layer until the wait it gave has passed.</summary>
    internal void BlockAfterRejection(string? tokenKey, OuraRateLimitLayer layer, TimeSpan wait, string? tier)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var until = now + wait;
            if (layer == OuraRateLimitLayer.Application || tokenKey is null) _applicationBucket.Block(until, tier);
            else TokenBucketFor(tokenKey, now).Block(until, tier);
        }
    }

    private TokenBucket TokenBucketFor(string key, DateTimeOffset now)
    {
        if (_tokenBuckets.TryGetValue(key, out var bucket)) return bucket;
        if (_tokenBuckets.Count >= TrimThreshold)
        {
            foreach (var idle in _tokenBuckets.Where(pair => pair.Value.IsIdle(now)).Select(pair => pair.Key).ToList()) _tokenBuckets.Remove(idle);
        }

        bucket = new TokenBucket(_options.PerTokenRequestLimit, _options.RateLimitWindow, now);
        _tokenBuckets[key] = bucket;
        return bucket;
    }

    private static OuraBucketState StateOf(string key, TokenBucket bucket, DateTimeOffset now) =>
        new(key, bucket.Capacity, (int)bucket.Available(now),
            bucket.BlockedUntil > now ? bucket.BlockedUntil : null,
            bucket.BlockedUntil > now ? bucket.BlockedTier : null);
}

/// <summary>A request taken from the budget, to be sent after <see cref="Wait"/>; <see cref="Shared"/>: its application part from the shared budget.</summary>
internal readonly record struct BudgetReservation(string? TokenKey, TimeSpan Wait, bool Shared = false);

/// <summary>The client-side budget at one instant.</summary>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Application">The bucket shared by every user of this process.</param>
/// <param name="Tokens">One bucket per user or access token seen recently, keyed by <see cref="OuraRateBudget.KeyForUser"/> or <see cref="OuraRateBudget.KeyFor"/>.</param>
public sealed record OuraRateBudgetSnapshot(DateTimeOffset At, OuraBucketState Application, IReadOnlyList<OuraBucketState> Tokens);

/// <summary>One bucket of the budget.</summary>
/// <param name="Key">"application", or the hashed token key.</param>
/// <param name="Capacity">Requests per window.</param>
/// <param name="Available">Requests that could be sent now without waiting.</param>
/// <param name="BlockedUntil">Set while a 429 from Oura holds this layer closed.</param>
/// <param name="BlockedTier">Oura's <c>X-RateLimit-Tier</c> of that 429.</param>
public sealed record OuraBucketState(string Key, int Capacity, int Available, DateTimeOffset? BlockedUntil, string? BlockedTier);
