using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OuraMcp.Oura.Http;

/// <summary>
/// Counters of the HTTP pipeline on the meter "OuraMcp.Oura" (an OpenTelemetry meter provider, or any
/// <see cref="MeterListener"/> or dotnet-counters can read them), and a span per request to Oura on the activity source
/// of the same name, parent of its attempts. Tags carry methods, paths, statuses and tiers, never tokens or queries.
/// </summary>
internal static class OuraHttpMetrics
{
    public const string MeterName = "OuraMcp.Oura";

    /// <summary>The span of one request through the whole pipeline (budget waits, retries and all).</summary>
    public const string RequestSpan = "oura.request";

    private static readonly Meter Meter = new(MeterName);

    public static readonly ActivitySource Source = new(MeterName);

    /// <summary>Requests through the whole pipeline, tagged "outcome" = the final status code or the error's type.</summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("oura.client.request.duration", unit: "s", description: "Requests to Oura, waits and retries included");

    /// <summary>Attempts sent to Oura, tagged with the status code or the failure kind.</summary>
    public static readonly Counter<long> Attempts = Meter.CreateCounter<long>("oura.client.attempts", description: "HTTP attempts sent to Oura");

    /// <summary>Retries, tagged "reason" = "transient" or "rate_limited".</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("oura.client.retries", description: "Retries of requests to Oura");

    /// <summary>Requests that ended rate limited, tagged "source" = "oura" or "client" and "tier".</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("oura.client.rate_limited", description: "Requests refused for rate limits");

    /// <summary>Requests the client-side budget held back before sending.</summary>
    public static readonly Histogram<double> BudgetWaits = Meter.CreateHistogram<double>("oura.client.budget_wait", unit: "s", description: "Waits imposed by the client-side budget");

    /// <summary>Circuit-breaker transitions, tagged "state" = "open", "half_open" or "closed".</summary>
    public static readonly Counter<long> BreakerTransitions = Meter.CreateCounter<long>("oura.client.breaker_transitions", description: "Circuit breaker state changes");
}
