using System.Globalization;
using System.Net;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Http;

/// <summary>Which of Oura's two rate-limit layers a 429 came from.</summary>
internal enum OuraRateLimitLayer
{
    Token,
    Application,
}

/// <summary>What a 429 from Oura says: how long to wait, and which layer fired.</summary>
/// <param name="Wait">From <c>Retry-After</c>, else <c>X-RateLimit-Reset</c>; null when Oura sent neither.</param>
/// <param name="Tier">Oura's <c>X-RateLimit-Tier</c>, as sent (trimmed, shortened).</param>
internal sealed record OuraRateLimitSignal(TimeSpan? Wait, string? Tier)
{
    private const string TierHeader = "X-RateLimit-Tier";
    private const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>An unknown tier is treated as the per-token layer: that one surely covers the request that failed.</summary>
    public OuraRateLimitLayer Layer =>
        Tier is not null && Tier.Contains("app", StringComparison.OrdinalIgnoreCase) ? OuraRateLimitLayer.Application : OuraRateLimitLayer.Token;

    public static OuraRateLimitSignal From(HttpResponseMessage response, DateTimeOffset now) =>
        new(WaitFrom(response, now), TierFrom(response));

    /// <summary>The sentence an agent reads, e.g. "rate limited by Oura (per-token limit), retry after 37 s".</summary>
    public static string OuraMessage(string? tier, TimeSpan wait) =>
        DescribeTier(tier) is { } layer
            ? $"Rate limited by Oura ({layer} limit), retry after {Seconds(wait)} s."
            : $"Rate limited by Oura, retry after {Seconds(wait)} s.";

    public static string ClientMessage(TimeSpan wait) =>
        $"Rate limited by the client-side budget, retry after {Seconds(wait)} s (this server slows down before Oura's own limit is reached).";

    public static OuraRateLimitedException OuraRejection(string? tier, TimeSpan wait) => new(OuraMessage(tier, wait), wait, tier);

    public static OuraRateLimitedException ClientRejection(TimeSpan wait) => new(ClientMessage(wait), wait, OuraRateBudget.ClientTier);

    /// <summary>Whole seconds, rounded up and at least 1: "retry after 0 s" would invite an immediate retry.</summary>
    public static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    private static string? DescribeTier(string? tier) => tier switch
    {
        null => null,
        _ when tier.Contains("app", StringComparison.OrdinalIgnoreCase) => "per-application",
        _ when tier.Contains("token", StringComparison.OrdinalIgnoreCase) || tier.Contains("user", StringComparison.OrdinalIgnoreCase) => "per-token",
        _ => tier,
    };

    private static TimeSpan? WaitFrom(HttpResponseMessage response, DateTimeOffset now)
    {
        // Oura sends seconds; RFC 9110 also allows an HTTP date.
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (retryAfter.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        }

        if (response.Headers.TryGetValues(ResetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds)
            && epochSeconds is > 0 and < 253402300799)
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epochSeconds);
            return reset > now ? reset - now : TimeSpan.Zero;
        }

        return null;
    }

    private static string? TierFrom(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(TierHeader, out var values)) return null;
        var tier = values.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(tier)) return null;
        // It ends up in messages and logs: keep it short and printable.
        tier = new string(tier.Where(c => !char.IsControl(c)).Take(40).ToArray());
        return tier.Length == 0 ? null : tier;
    }

    public static bool IsRateLimited(HttpResponseMessage? response) => response?.StatusCode == HttpStatusCode.TooManyRequests;
}
