namespace OuraMcp.Oura.Client;

/// <summary>Settings of the Oura client and its rate-limit-aware pipeline. Defaults follow Oura's documented limits.</summary>
public sealed class OuraClientOptions
{
    /// <summary>Oura's API root. The spec's own server URL (<c>https://api.None.com</c>) is a templating leak.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.ouraring.com");

    /// <summary>Use <c>/v2/sandbox/usercollection</c> instead of the real routes.</summary>
    public bool UseSandbox { get; set; }

    /// <summary>The OAuth app's client id, sent as <c>x-client-id</c> on webhook-subscription calls.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth app's client secret, sent as <c>x-client-secret</c> on webhook-subscription calls. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Client-side budget per access token: requests per <see cref="RateLimitWindow"/> (Oura: 5000 per 5 minutes).</summary>
    public int PerTokenRequestLimit { get; set; } = 5000;

    /// <summary>Client-side budget for the whole application, across all users' tokens.</summary>
    public int PerApplicationRequestLimit { get; set; } = 5000;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On a 429 (or an empty local budget), wait and retry when the wait is at most this long; otherwise fail fast
    /// with a message that says when to retry.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an idempotent request after a 5xx, a timeout or a transient network error.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline for one logical request, retries and waits included.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The circuit opens when this share of requests in <see cref="BreakerSamplingDuration"/> failed ...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>... and at least this many requests were made in it.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails fast before letting a probe through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most pages followed for one list request; past it the result says it is incomplete.</summary>
    public int MaxPages { get; set; } = 500;

    /// <summary>Longest local-date range one list request may ask for.</summary>
    public int MaxRangeDays { get; set; } = 731;
}
