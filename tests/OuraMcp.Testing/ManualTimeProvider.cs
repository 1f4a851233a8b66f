namespace OuraMcp.Testing;

/// <summary>
/// A clock that moves only when told to (Microsoft.Extensions.TimeProvider.Testing is not served here).
/// Timers created from it fire when <see cref="Advance"/> passes their due time, so code that waits through
/// <see cref="TimeProvider"/> (Task.Delay(t, provider), Polly, CancellationTokenSource) runs without real waiting.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero)) { }

    /// <summary>When set, every timer scheduled advances the clock to its due time at once: waits cost nothing.</summary>
    public bool AutoAdvance { get; set; }

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock and fires every timer that falls due, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null) { _now = target; return; }
                if (next.Due > _now) _now = next.Due;
            }
            next.Fire();
        }
    }

    /// <summary>How many timers fall due within <paramref name="horizon"/> from now: the waits in progress that short.</summary>
    public int TimersDueWithin(TimeSpan horizon)
    {
        lock (_gate) return _timers.Count(t => t.Due <= _now + horizon);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer)
    {
        lock (_gate) { if (!_timers.Contains(timer)) _timers.Add(timer); }
        if (AutoAdvance && timer.Due > GetUtcNow()) ThreadPool.QueueUserWorkItem(_ => Advance(timer.Due - GetUtcNow()));
    }

    private void Unschedule(ManualTimer timer) { lock (_gate) _timers.Remove(timer); }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan) { clock.Unschedule(this); return true; }
            Due = clock.GetUtcNow() + dueTime;
            if (dueTime <= TimeSpan.Zero) { clock.Unschedule(this); Fire(); return true; }
            clock.Schedule(this);
            return true;
        }

        public void Fire()
        {
            clock.Unschedule(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero) { Due += _period; clock.Schedule(this); }
            callback(state);
        }

        public void Dispose() => clock.Unschedule(this);

        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
