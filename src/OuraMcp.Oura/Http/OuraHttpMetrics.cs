using System.Diagnostics.Metrics;

namespace OuraMcp.Oura.Http;

/// <summary>
/// Counters of the HTTP pipeline on the meter "OuraMcp.Oura" (an OpenTelemetry meter provider, or any
/// <see cref="MeterListener"/> or dotnet-counters can read them). Tags carry statuses and tiers, never tokens.
/// </summary>
internal static class OuraHttpMetrics
{
    public const string MeterName = "OuraMcp.Oura";

    private static readonly Meter Meter = new(MeterName);

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
