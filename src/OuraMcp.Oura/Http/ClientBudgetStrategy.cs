using Microsoft.Extensions.Logging;
using OuraMcp.Oura.Errors;
using Polly;

namespace OuraMcp.Oura.Http;

/// <summary>
/// The Polly strategy in front of each attempt: takes a request from <see cref="OuraRateBudget"/> (waiting when the
/// wait is short, failing fast when not) and, when Oura answers 429, closes the layer that fired until Oura's reset
/// so concurrent requests hold back too. It records the 429's wait on the context for the rate-limit retry outside it.
/// </summary>
internal sealed class ClientBudgetStrategy(OuraRateBudget budget, TimeProvider timeProvider, ILogger logger)
    : ResilienceStrategy<HttpResponseMessage>
{
    // Oura always sends Retry-After on a 429, it says; if it ever does not, back off exponentially from this.
    internal static readonly TimeSpan UnguidedRateLimitWait = TimeSpan.FromSeconds(1);

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var tokenKey = context.Properties.GetValue(OuraResilienceKeys.TokenKey, null);
        BudgetReservation reservation;
        try
        {
            reservation = await budget.ReserveAsync(tokenKey, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OuraRateLimitedException rejected)
        {
            var source = rejected.Tier == OuraRateBudget.ClientTier ? "client" : "oura";
            OuraHttpLog.RateLimitedFailFast(logger, source, rejected.Tier ?? "unknown", rejected.RetryAfter.TotalSeconds);
            OuraHttpMetrics.RateLimited.Add(1, new("source", source), new("tier", rejected.Tier ?? "unknown"));
            return Outcome.FromException<HttpResponseMessage>(rejected);
        }
        catch (OperationCanceledException canceled)
        {
            return Outcome.FromException<HttpResponseMessage>(canceled);
        }

        if (reservation.Wait > TimeSpan.Zero)
        {
            OuraHttpLog.BudgetWait(logger, reservation.Wait.TotalMilliseconds);
            OuraHttpMetrics.BudgetWaits.Record(reservation.Wait.TotalSeconds);
            try
            {
                await Task.Delay(reservation.Wait, timeProvider, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException canceled)
            {
                await budget.ReleaseAsync(reservation).ConfigureAwait(context.ContinueOnCapturedContext);
                return Outcome.FromException<HttpResponseMessage>(canceled);
            }
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (OuraRateLimitSignal.IsRateLimited(outcome.Result))
        {
            var count = context.Properties.GetValue(OuraResilienceKeys.RateLimitedCount, 0) + 1;
            context.Properties.Set(OuraResilienceKeys.RateLimitedCount, count);
            var signal = OuraRateLimitSignal.From(outcome.Result!, timeProvider.GetUtcNow());
            var wait = signal.Wait ?? UnguidedRateLimitWait * Math.Pow(2, Math.Min(count - 1, 10));
            signal = signal with { Wait = wait };
            context.Properties.Set(OuraResilienceKeys.RateLimit, signal);
            await budget.BlockAfterRejectionAsync(tokenKey, signal.Layer, wait, signal.Tier).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        return outcome;
    }
}

/// <summary>What the strategies of one logical request share through its <see cref="ResilienceContext"/>.</summary>
internal static class OuraResilienceKeys
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage?> Request = new("OuraMcp.Request");

    /// <summary>The hashed bearer token (<see cref="OuraRateBudget.KeyFor"/>), null for app-authenticated requests.</summary>
    public static readonly ResiliencePropertyKey<string?> TokenKey = new("OuraMcp.TokenKey");

    /// <summary>The latest 429 of this request, with the wait to honour filled in.</summary>
    public static readonly ResiliencePropertyKey<OuraRateLimitSignal?> RateLimit = new("OuraMcp.RateLimit");

    public static readonly ResiliencePropertyKey<int> RateLimitedCount = new("OuraMcp.RateLimitedCount");

    public static readonly ResiliencePropertyKey<int> Attempts = new("OuraMcp.Attempts");

    public static readonly ResiliencePropertyKey<bool> DeadlinePassed = new("OuraMcp.DeadlinePassed");
}
