using Microsoft.Extensions.Time.Testing;

namespace OuraMcp.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports which timers are pending, so a test can wait until the code under
/// test is actually sleeping (on a timeout, a backoff, a Retry-After, a scheduled pass) before moving the clock.
/// FakeTimeProvider keeps its timers to itself, and its AutoAdvanceAmount moves time on every read rather than to the
/// next timer; this wrapper adds both, and nothing else. Where a test only sets and moves time, use FakeTimeProvider.
/// </summary>
public sealed class ObservedClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _pending = [];

    public ObservedClock() : this(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero)) { }

    public ObservedClock(DateTimeOffset start) => Fake = new FakeTimeProvider(start);

    /// <summary>The clock underneath, which owns the time and fires the timers.</summary>
    public FakeTimeProvider Fake { get; }

    /// <summary>
    /// When set, every timer armed moves the clock to its due time at once, so waits cost nothing. Not for code where
    /// timeouts run: it would jump to every timeout the moment it is armed.
    /// </summary>
    public bool AutoAdvance { get; init; }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>How many timers fall due within <paramref name="horizon"/> from now: the waits in progress that short.</summary>
    public int TimersDueWithin(TimeSpan horizon)
    {
        var until = GetUtcNow() + horizon;
        lock (_gate) return _pending.Count(t => t.Due <= until);
    }

    /// <summary>Waits (for real, briefly) until <paramref name="count"/> timers are pending; returns the time to the earliest.</summary>
    public async Task<TimeSpan> PendingAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                if (_pending.Count >= count) return _pending.Min(t => t.Due) - now;
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
        timer.Inner = Fake.CreateTimer(_ => timer.Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private void AdvanceTo(DateTimeOffset due)
    {
        var wait = due - GetUtcNow();
        if (wait > TimeSpan.Zero) Advance(wait);
    }

    private sealed class TrackedTimer(ObservedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private int _version;
        private int _firedVersion = -1;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            int version;
            lock (clock._gate)
            {
                _period = period;
                clock._pending.Remove(this);
                version = ++_version;
            }

            // Arm first, then read the time: the due time recorded is never before the one the inner timer keeps, even
            // when another thread moves the clock in between (an auto-advance racing ahead would otherwise skip it).
            var changed = Inner.Change(dueTime, period);
            if (dueTime == Timeout.InfiniteTimeSpan) return changed;

            var due = clock.GetUtcNow() + dueTime;
            lock (clock._gate)
            {
                // A timer that fired meanwhile is no longer pending (a periodic one was put back by Fire).
                if (_version == version && _firedVersion != version)
                {
                    Due = due;
                    clock._pending.Add(this);
                }
            }

            if (clock.AutoAdvance && dueTime > TimeSpan.Zero) ThreadPool.QueueUserWorkItem(_ => clock.AdvanceTo(due));
            return changed;
        }

        public void Fire()
        {
            var now = clock.GetUtcNow();
            lock (clock._gate)
            {
                _firedVersion = _version;
                clock._pending.Remove(this);
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    Due = now + _period;
                    clock._pending.Add(this);
                }
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                _version++;
                clock._pending.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
