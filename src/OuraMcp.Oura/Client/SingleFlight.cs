namespace OuraMcp.Oura.Client;

/// <summary>
/// Shares one upstream call among every caller asking for the same key while it is in flight. Each caller may stop
/// waiting on its own; the upstream call is cancelled only when every waiter has gone. Its outcome (value or
/// failure) reaches every waiter, and nothing is kept once it completes: this is deduplication, not a cache.
/// </summary>
internal sealed class SingleFlight
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>Calls in flight now (for tests).</summary>
    internal int InFlight { get { lock (_gate) return _flights.Count; } }

    public async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flight? flight;
        bool leader;
        lock (_gate)
        {
            leader = !_flights.TryGetValue(key, out flight);
            if (flight is null)
            {
                flight = new Flight();
                _flights.Add(key, flight);
            }

            flight.Waiters++;
        }

        if (leader) _ = FlyAsync(key, flight, async token => (object?)await work(token).ConfigureAwait(false));

        try
        {
            return (T)(await flight.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, flight);
            throw;
        }
    }

    private async Task FlyAsync(string key, Flight flight, Func<CancellationToken, Task<object?>> work)
    {
        object? value = null;
        Exception? error = null;
        var cancelled = false;
        try
        {
            value = await work(flight.Upstream.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (flight.Upstream.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception e)
        {
            error = e;
        }

        // Forget the flight before publishing its outcome, so no caller arriving later joins a finished call.
        lock (_gate)
        {
            if (_flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight)) _flights.Remove(key);
            flight.Done = true;
        }

        if (cancelled) flight.Outcome.TrySetCanceled(flight.Upstream.Token);
        else if (error is not null)
        {
            flight.Outcome.TrySetException(error);
            // When every waiter has gone, nobody observes the failure; mark it observed rather than let it surface later.
            _ = flight.Outcome.Task.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else flight.Outcome.TrySetResult(value);
    }

    private void Leave(string key, Flight flight)
    {
        lock (_gate)
        {
            if (flight.Done || --flight.Waiters > 0) return;

            // The last waiter left: nobody wants the answer, and a newcomer must start afresh, not join a dying call.
            if (_flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight)) _flights.Remove(key);
        }

        // Outside the lock: cancellation callbacks run synchronously and may re-enter.
        flight.Upstream.Cancel();
    }

    private sealed class Flight
    {
        // Not disposed: it has no timer and no linked parent, and a late Cancel must never meet a disposed source.
        public CancellationTokenSource Upstream { get; } = new();

        public TaskCompletionSource<object?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Waiters { get; set; }

        public bool Done { get; set; }
    }
}
