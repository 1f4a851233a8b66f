using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace OuraMcp.Server.Http;

/// <summary>
/// What the stateless HTTP endpoint offers of resource updates. A client on protocol 2026-07-28 or later is told over
/// its own <c>subscriptions/listen</c> POST, held open (<see cref="Resources.ResourceListen"/>). A client on an earlier
/// version could <c>resources/subscribe</c> but would never be told: stateless HTTP has no stream to push on (no GET
/// stream, no unsolicited messages). So <c>resources.subscribe</c> is advertised only to the former.
/// </summary>
public static class ResourceUpdatesOverHttp
{
    /// <summary>The first protocol revision with <c>subscriptions/listen</c>.</summary>
    public const string ListenVersion = "2026-07-28";

    // Every request after initialize names its version here; initialize itself (always an earlier version) does not.
    private const string VersionHeader = "MCP-Protocol-Version";

    public static IServiceCollection AddResourceUpdatesOverHttp(this IServiceCollection services) =>
        services.PostConfigure<HttpServerTransportOptions>(http =>
        {
            var earlier = http.ConfigureSessionOptions;
            http.ConfigureSessionOptions = async (context, options, cancellationToken) =>
            {
                if (earlier is not null) await earlier(context, options, cancellationToken).ConfigureAwait(false);
                string? version = context.Request.Headers[VersionHeader];
                if (!Listens(version) && options.Capabilities?.Resources is { } resources) resources.Subscribe = null;
            };
        });

    private static bool Listens(string? version) => version is not null && string.CompareOrdinal(version, ListenVersion) >= 0;
}
