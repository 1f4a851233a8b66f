using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OuraMcp.Hosting;

/// <summary>
/// A budget of requests per minute on <c>/mcp</c> for each caller: the authenticated identity, or the remote address
/// when there is none (<c>--auth none</c>). A token bucket, refilled one request at a time, so a caller that has spent
/// its budget waits seconds, not the rest of a window. Over budget: 429 with <c>Retry-After</c>.
/// </summary>
internal static class CallerRateLimit
{
    public const string Policy = "per-caller";

    public static IServiceCollection AddCallerRateLimit(this IServiceCollection services, HttpListenOptions listen)
    {
        var perMinute = listen.RequestsPerMinute;
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await JsonRpcRefusal.WriteAsync(http, StatusCodes.Status429TooManyRequests,
                    $"Too Many Requests: this caller may make {perMinute} requests a minute; retry after {seconds} s.").ConfigureAwait(false);
            };
        });
    }

    /// <summary>Who is asking, for the budget: the identity from the validated credential, else the connection's address.</summary>
    internal static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "user:" + name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
