namespace OuraMcp.Oura.Http;

/// <summary>
/// A token bucket driven by the caller's clock (System.Threading.RateLimiting's bucket refills on real timers,
/// which tests cannot move). Not thread-safe: <see cref="OuraRateBudget"/> serialises access.
/// Tokens refill continuously at capacity per window, and may go negative: a negative count is the queue of
/// callers that reserved a token and are waiting for it, so later callers wait behind them.
/// </summary>
internal sealed class TokenBucket(int capacity, TimeSpan window, DateTimeOffset now)
{
    private readonly double _ticksPerToken = (double)window.Ticks / capacity;
    private double _tokens = capacity;
    private DateTimeOffset _updated = now;

    public int Capacity { get; } = capacity;

    /// <summary>Until when Oura told us (with a 429) to send nothing on this bucket's layer.</summary>
    public DateTimeOffset BlockedUntil { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Oura's <c>X-RateLimit-Tier</c> of the 429 that set <see cref="BlockedUntil"/>.</summary>
    public string? BlockedTier { get; private set; }

    public DateTimeOffset LastUsed { get; private set; } = now;

    /// <summary>How long until one token is free, counting an Oura block.</summary>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        Refill(now);
        var tokenWait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) * _ticksPerToken));
        var blockWait = BlockedUntil - now;
        return blockWait > tokenWait ? blockWait : tokenWait;
    }

    /// <summary>Whether the wait reported by <see cref="WaitFor"/> comes from an Oura block rather than the local count.</summary>
    public bool IsBlockedBeyond(DateTimeOffset now, TimeSpan wait) => BlockedUntil > now && BlockedUntil - now >= wait;

    public void Take(DateTimeOffset now)
    {
        Refill(now);
        _tokens -= 1;
        LastUsed = now;
    }

    /// <summary>Gives back a reserved token whose caller gave up (cancelled) before using it.</summary>
    public void Return(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Min(Capacity, _tokens + 1);
    }

    /// <summary>
    /// Oura answered 429 on this layer: send nothing until <paramref name="until"/>. The local count is left alone:
    /// Oura's window restores its quota at that instant, so zeroing it would only add a needless trickle wait.
    /// </summary>
    public void Block(DateTimeOffset until, string? tier)
    {
        if (until <= BlockedUntil) return;
        BlockedUntil = until;
        BlockedTier = tier;
    }

    public double Available(DateTimeOffset now)
    {
        Refill(now);
        return BlockedUntil > now ? 0 : Math.Max(0, Math.Floor(_tokens));
    }

    /// <summary>Full and not blocked: forgetting it changes nothing.</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= Capacity && BlockedUntil <= now;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _updated) return;
        _tokens = Math.Min(Capacity, _tokens + (now - _updated).Ticks / _ticksPerToken);
        _updated = now;
    }
}
