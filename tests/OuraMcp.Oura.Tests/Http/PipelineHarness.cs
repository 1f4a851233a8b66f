using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

/// <summary>
/// The real handler chain (authentication, resilience) over a scripted network, with the clock and logs captured.
/// Timeouts are off unless a test sets them: ObservedClock's AutoAdvance would otherwise jump to them.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public const string Token = "tok-secret-AAAA-1111";

    public PipelineHarness(TimeProvider clock, Action<OuraClientOptions>? configure = null, IOuraTokenProvider? tokens = null, OuraRateBudget? budget = null)
    {
        Clock = clock;
        Options = new OuraClientOptions
        {
            OverallTimeout = Timeout.InfiniteTimeSpan,
            AttemptTimeout = Timeout.InfiniteTimeSpan,
        };
        configure?.Invoke(Options);
        Tokens = tokens ?? new FakeTokenProvider(Token);
        Budget = budget ?? new OuraRateBudget(Options, clock);
        Resilience = new OuraResilienceHandler(Options, Budget, clock, new CapturingLogger<OuraResilienceHandler>(Logs))
        {
            InnerHandler = new TimingHandler(clock, SentAt) { InnerHandler = Network },
        };
        Authentication = new OuraAuthenticationHandler(Tokens, new CapturingLogger<OuraAuthenticationHandler>(Logs)) { InnerHandler = Resilience };
        Client = new HttpClient(Authentication) { BaseAddress = new Uri("https://api.ouraring.com"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public TimeProvider Clock { get; }

    public OuraClientOptions Options { get; }

    public IOuraTokenProvider Tokens { get; }

    public OuraRateBudget Budget { get; }

    public ScriptedHttpHandler Network { get; } = new();

    /// <summary>The clock's time at each request that reached the network, in order.</summary>
    public ConcurrentQueue<DateTimeOffset> SentAt { get; } = new();

    public LogSink Logs { get; } = new();

    public OuraResilienceHandler Resilience { get; }

    public OuraAuthenticationHandler Authentication { get; }

    public HttpClient Client { get; }

    public Task<HttpResponseMessage> GetAsync(string path = "/v2/usercollection/personal_info", CancellationToken cancellationToken = default) =>
        Client.GetAsync(path, cancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path = "/v2/webhook/subscription", CancellationToken cancellationToken = default) =>
        Client.SendAsync(new HttpRequestMessage(method, path), cancellationToken);

    public IReadOnlyList<TimeSpan> GapsBetweenSends()
    {
        var times = SentAt.ToArray();
        return times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
    }

    public static Action<HttpResponseMessage> RetryAfter(int seconds, string? tier = "per-token") => response =>
    {
        response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (tier is not null) response.Headers.TryAddWithoutValidation("X-RateLimit-Tier", tier);
    };

    /// <summary>A network step that never answers until the attempt is cancelled.</summary>
    public static async Task<HttpResponseMessage> Hang(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public void Dispose() => Client.Dispose();

    private sealed class TimingHandler(TimeProvider clock, ConcurrentQueue<DateTimeOffset> sentAt) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sentAt.Enqueue(clock.GetUtcNow());
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A token provider whose refresh hands out the next token of a list, counting calls.</summary>
internal sealed class FakeTokenProvider(string? current, params string[] refreshed) : IOuraTokenProvider
{
    private readonly Queue<string> _refreshed = new(refreshed);

    public string? Current { get; private set; } = current;

    public List<string> Rejected { get; } = [];

    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current);

    public ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        Rejected.Add(rejectedToken);
        if (_refreshed.Count > 0) Current = _refreshed.Dequeue();
        return ValueTask.FromResult(Current != rejectedToken ? Current : null);
    }
}

/// <summary>Everything logged, formatted, with the exception's message when there is one.</summary>
internal sealed class LogSink
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public string AllText => string.Join("\n", Entries.Select(e => e.Message));
}

internal sealed class CapturingLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        sink.Entries.Enqueue((logLevel, OuraMcp.Testing.LogLines.Format(typeof(T).Name, logLevel, state, exception, formatter)));
    }
}
