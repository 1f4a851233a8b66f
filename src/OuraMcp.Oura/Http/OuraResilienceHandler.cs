using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OuraMcp.Oura.Http;

/// <summary>
/// The rate-limit-aware resilience pipeline every call to Oura goes through (Polly.Core inside a handler, built by hand
/// because its 429 strategy waits what Oura's headers say and shares one budget across calls, which the standard
/// resilience handler's options do not express). Strategies, outermost first:
/// <list type="number">
/// <item>overall deadline (<see cref="OuraClientOptions.OverallTimeout"/>), covering every wait and retry below;</item>
/// <item>429 retry: waits exactly what Oura's <c>Retry-After</c> (or <c>X-RateLimit-Reset</c>) says, up to
/// <see cref="RateLimitRetries"/> times, when that is at most <see cref="OuraClientOptions.MaxRateLimitWait"/>;</item>
/// <item>transient retry: exponential backoff with jitter on 5xx, attempt timeouts and network errors, idempotent methods only;</item>
/// <item>circuit breaker on the same failures (not 4xx, not 429);</item>
/// <item>client-side budget (<see cref="OuraRateBudget"/>), per attempt, so retries are paced and counted too;</item>
/// <item>attempt timeout (<see cref="OuraClientOptions.AttemptTimeout"/>), which does not include budget waits.</item>
/// </list>
/// A final 5xx, timeout, network failure or open circuit becomes <see cref="OuraUnavailableException"/>; a final 429
/// or an exhausted budget becomes <see cref="OuraRateLimitedException"/>; other responses pass through unchanged.
/// Caller cancellation propagates as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class OuraResilienceHandler : DelegatingHandler
{
    /// <summary>How many times one request honours a 429's wait before reporting it: more only stacks waits on a busy limit.</summary>
    public const int RateLimitRetries = 2;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly OuraClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RecentFailures _recentFailures;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private int _failuresWhenOpened;

    public OuraResilienceHandler(OuraClientOptions options, OuraRateBudget budget, TimeProvider timeProvider, ILogger<OuraResilienceHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _recentFailures = new RecentFailures(options.BreakerSamplingDuration);
        _pipeline = BuildPipeline(budget);
    }

    /// <summary>Source of the jitter factor in [0, 1); replaceable so tests can pin the backoff.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = OuraHttpMetrics.Source.StartActivity(OuraHttpMetrics.RequestSpan);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.path", request.RequestUri?.AbsolutePath);
        var started = Stopwatch.GetTimestamp();
        var outcome = "";
        try
        {
            var response = await SendThroughPipelineAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            return response;
        }
        catch (Exception failure)
        {
            outcome = failure.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", outcome);
            throw;
        }
        finally
        {
            OuraHttpMetrics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<HttpResponseMessage> SendThroughPipelineAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OuraResilienceKeys.Request, request);
        context.Properties.Set(OuraResilienceKeys.TokenKey, TokenKeyOf(request));
        try
        {
            var response = await _pipeline.ExecuteAsync(static (ctx, self) => self.SendAttemptAsync(ctx), context, this).ConfigureAwait(false);
            return Finish(response, request, context);
        }
        catch (BrokenCircuitException open)
        {
            var retryIn = open.RetryAfter is { } after && after > TimeSpan.Zero ? after : _options.BreakerBreakDuration;
            throw Unavailable(
                $"Oura is not answering ({Math.Max(1, Volatile.Read(ref _failuresWhenOpened))} failures recently); retry in about {OuraRateLimitSignal.Seconds(retryIn)} s.",
                "circuit open", null, open);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            var message = context.Properties.GetValue(OuraResilienceKeys.DeadlinePassed, false)
                ? $"Oura did not answer within the {Seconds(_options.OverallTimeout)} s deadline (waits and retries included); retry in a minute."
                : $"Oura did not answer within {Seconds(_options.AttemptTimeout)} s ({Attempts(context)}); retry in a minute.";
            throw Unavailable(message, "timeout", null, timeout);
        }
        catch (HttpRequestException network) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(
                $"Could not reach Oura ({Attempts(context)}, network error); check the connection and retry in a minute.",
                network.HttpRequestError.ToString(), null, network);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(ResilienceContext context)
    {
        var request = context.Properties.GetValue(OuraResilienceKeys.Request, null)!;
        context.Properties.Set(OuraResilienceKeys.Attempts, context.Properties.GetValue(OuraResilienceKeys.Attempts, 0) + 1);
        try
        {
            var response = await base.SendAsync(request, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            OuraHttpMetrics.Attempts.Add(1, new KeyValuePair<string, object?>("status", (int)response.StatusCode));
            await BufferBodyAsync(response, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            return response;
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException)
        {
            OuraHttpMetrics.Attempts.Add(1, new KeyValuePair<string, object?>("status", failure.GetType().Name));
            throw;
        }
    }

    /// <summary>
    /// Reads the whole body inside the attempt. Headers alone are not an answer: a body that stalls must count against
    /// the attempt timeout, and one that breaks off must be retried like any other transient failure, neither of which
    /// could happen once the response had left the pipeline.
    /// </summary>
    private static async Task BufferBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException broken) when (!cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new HttpRequestException("Oura's answer broke off before it was complete.", broken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Turns the last response into an error when it means the request cannot succeed now.</summary>
    private HttpResponseMessage Finish(HttpResponseMessage response, HttpRequestMessage request, ResilienceContext context)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var signal = context.Properties.GetValue(OuraResilienceKeys.RateLimit, null)
                         ?? OuraRateLimitSignal.From(response, _timeProvider.GetUtcNow());
            var wait = signal.Wait ?? ClientBudgetStrategy.UnguidedRateLimitWait;
            response.Dispose();
            OuraHttpLog.RateLimitedFailFast(_logger, "oura", signal.Tier ?? "unknown", wait.TotalSeconds);
            OuraHttpMetrics.RateLimited.Add(1, new("source", "oura"), new("tier", signal.Tier ?? "unknown"));
            throw OuraRateLimitSignal.OuraRejection(signal.Tier, wait);
        }

        if ((int)response.StatusCode >= 500)
        {
            var status = response.StatusCode;
            var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? status.ToString() : response.ReasonPhrase;
            response.Dispose();
            var message = IsIdempotent(request.Method)
                ? $"Oura is having trouble: it answered {(int)status} ({reason}), {Attempts(context)}; retry in a minute."
                : $"Oura answered {(int)status} ({reason}); the {request.Method} was not retried because repeating it could apply it twice. Check whether it took effect before retrying.";
            throw Unavailable(message, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), status, null);
        }

        return response;
    }

    private OuraUnavailableException Unavailable(string message, string reason, HttpStatusCode? status, Exception? inner)
    {
        OuraHttpLog.Unavailable(_logger, reason);
        return new OuraUnavailableException(message, status, inner);
    }

    // AddStrategy validates the options by their data annotations, reading their properties by reflection; the options
    // type keeps all its members for that (Native AOT, docs/performance-server.md).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "ClientBudgetStrategyOptions keeps all its members.")]
    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(OuraRateBudget budget)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "oura", TimeProvider = _timeProvider };

        if (IsEnabled(_options.OverallTimeout))
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Name = "oura-deadline",
                Timeout = _options.OverallTimeout,
                OnTimeout = args =>
                {
                    args.Context.Properties.Set(OuraResilienceKeys.DeadlinePassed, true);
                    return default;
                },
            });
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "oura-429",
            MaxRetryAttempts = RateLimitRetries,
            ShouldHandle = args => ValueTask.FromResult(
                OuraRateLimitSignal.IsRateLimited(args.Outcome.Result)
                && args.Context.Properties.GetValue(OuraResilienceKeys.RateLimit, null) is { Wait: { } wait }
                && wait <= _options.MaxRateLimitWait),
            // Exactly what Oura asked for: no backoff and no jitter on top (its headers beat fixed intervals, says the spec).
            DelayGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(OuraResilienceKeys.RateLimit, null)?.Wait),
            OnRetry = args =>
            {
                var tier = args.Context.Properties.GetValue(OuraResilienceKeys.RateLimit, null)?.Tier ?? "unknown";
                OuraHttpLog.RetryingRateLimited(_logger, tier, args.RetryDelay.TotalSeconds);
                OuraHttpMetrics.Retries.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
                return default;
            },
        });

        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "oura-transient",
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransientFailure(args.Outcome)
                    && args.Context.Properties.GetValue(OuraResilienceKeys.Request, null) is { } request
                    && IsIdempotent(request.Method)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber)),
                OnRetry = args =>
                {
                    OuraHttpLog.RetryingTransient(_logger, Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    OuraHttpMetrics.Retries.Add(1, new KeyValuePair<string, object?>("reason", "transient"));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "oura-breaker",
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            ShouldHandle = args =>
            {
                var failed = IsTransientFailure(args.Outcome);
                // Counted here, once per outcome, only to tell the agent how bad it is when the circuit opens.
                if (failed) _recentFailures.Add(_timeProvider.GetUtcNow());
                return ValueTask.FromResult(failed);
            },
            OnOpened = args =>
            {
                var failures = _recentFailures.Count(_timeProvider.GetUtcNow());
                Volatile.Write(ref _failuresWhenOpened, failures);
                OuraHttpLog.CircuitOpened(_logger, failures, args.BreakDuration.TotalSeconds);
                OuraHttpMetrics.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "open"));
                return default;
            },
            OnHalfOpened = _ =>
            {
                OuraHttpLog.CircuitHalfOpened(_logger);
                OuraHttpMetrics.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "half_open"));
                return default;
            },
            OnClosed = _ =>
            {
                _recentFailures.Clear();
                OuraHttpLog.CircuitClosed(_logger);
                OuraHttpMetrics.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "closed"));
                return default;
            },
        });

        builder.AddStrategy(_ => new ClientBudgetStrategy(budget, _timeProvider, _logger), new ClientBudgetStrategyOptions());

        if (IsEnabled(_options.AttemptTimeout))
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "oura-attempt", Timeout = _options.AttemptTimeout });
        }

        return builder.Build();
    }

    /// <summary>base · 2^attempt, times a jitter factor in [0.8, 1.2): the ranges of successive attempts never overlap, so delays grow.</summary>
    internal TimeSpan Backoff(int attemptNumber)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 16));
        var delay = TimeSpan.FromMilliseconds(exponential * (0.8 + (0.4 * Jitter())));
        return delay > MaxBackoff ? MaxBackoff : delay;
    }

    internal static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };

    /// <summary>Only requests that are safe to repeat are retried: a POST that timed out may have been applied.</summary>
    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete;

    private static string? TokenKeyOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(OuraRequestOptions.UserKey, out var user) && !OuraRequestOptions.UsesAppCredentials(request)
            ? OuraRateBudget.KeyForUser(user)
            : request.Headers.Authorization is { Scheme: var scheme, Parameter: { Length: > 0 } token }
        && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? OuraRateBudget.KeyFor(token)
            : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? ((int?)outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";

    private static string Attempts(ResilienceContext context)
    {
        var attempts = context.Properties.GetValue(OuraResilienceKeys.Attempts, 0);
        return attempts == 1 ? "1 attempt" : $"{attempts} attempts";
    }

    private static bool IsEnabled(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)]
    private sealed class ClientBudgetStrategyOptions : ResilienceStrategyOptions
    {
        public ClientBudgetStrategyOptions() => Name = "oura-budget";
    }

    /// <summary>Failure instants within the breaker's sampling window, for the message of an open circuit.</summary>
    private sealed class RecentFailures(TimeSpan window)
    {
        private readonly Queue<DateTimeOffset> _failures = new();

        public void Add(DateTimeOffset now)
        {
            lock (_failures)
            {
                _failures.Enqueue(now);
                Trim(now);
            }
        }

        public int Count(DateTimeOffset now)
        {
            lock (_failures)
            {
                Trim(now);
                return _failures.Count;
            }
        }

        public void Clear()
        {
            lock (_failures) _failures.Clear();
        }

        private void Trim(DateTimeOffset now)
        {
            while (_failures.TryPeek(out var oldest) && now - oldest > window) _failures.Dequeue();
        }
    }
}
