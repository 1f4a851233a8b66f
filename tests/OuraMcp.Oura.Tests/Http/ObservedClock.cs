using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also reports which timers are pending, so a test can wait until the code
/// under test is actually sleeping (on a timeout, a backoff, a Retry-After) before moving the clock. AutoAdvance
/// cannot be used where timeouts run: it would jump to every timeout the moment it is armed.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _pending = [];

    public ManualTimeProvider Inner { get; } = new();

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

    public void Advance(TimeSpan by) => Inner.Advance(by);

    /// <summary>Waits (for real, briefly) until <paramref name="count"/> timers are pending; returns the time to the earliest.</summary>
    public async Task<TimeSpan> PendingAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            lock (_gate)
            {
                if (_pending.Count >= count) return _pending.Min(t => t.Due) - GetUtcNow();
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} pending timers; the code under test never started waiting.");
            await Task.Delay(1);
        }
    }

    /// <summary>Waits until a timer is pending, then moves the clock exactly to it; returns how far it moved.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        var next = await PendingAsync();
        Advance(next);
        return next;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Inner = Inner.CreateTimer(_ => timer.Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class TrackedTimer(ObservedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._pending.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock.GetUtcNow() + dueTime;
                    clock._pending.Add(this);
                }
            }

            return Inner.Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public void Fire()
        {
            lock (clock._gate) clock._pending.Remove(this);
            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate) clock._pending.Remove(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
