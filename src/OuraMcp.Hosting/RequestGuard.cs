using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OuraMcp.Hosting;

/// <summary>
/// What the spec asks of every streamable HTTP server and the SDK's transport leaves to its host, checked before
/// anything else on every path: the Host header (DNS rebinding), the Origin header (cross-site pages), and the size of
/// the body.
/// </summary>
internal static partial class RequestGuard
{
    /// <summary>The largest request body accepted: MCP requests are small; anything larger is refused with 413.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var policy = context.RequestServices.GetRequiredService<RequestOriginPolicy>();
        var host = context.Request.Host.Host;
        if (!policy.IsHostAllowed(host))
        {
            LogHostRefused(Logger(context), Shorten(host));
            await JsonRpcRefusal.WriteAsync(context, StatusCodes.Status403Forbidden,
                "Forbidden: this server is local; the Host header must name localhost, 127.0.0.1 or [::1].").ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (!policy.IsOriginAllowed(origin))
        {
            LogOriginRefused(Logger(context), Shorten(origin));
            await JsonRpcRefusal.WriteAsync(context, StatusCodes.Status403Forbidden,
                "Forbidden: this Origin is not allowed; start the server with --allowed-origins to allow it.").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > MaxRequestBytes)
        {
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        // Kestrel's server-wide limit is set too; this holds under any server (a test host has none) and per request.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxRequestBytes;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // A chunked body declares no length: it is refused when reading it crosses the limit.
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // A body slower than Kestrel's minimum data rate is the client's fault: left to escape, Kestrel logs it as
            // the application's unhandled exception with a stack trace. Kestrel has already decided on 408 and closes
            // the connection after it; this only keeps the log to one line.
            LogBodyTooSlow(Logger(context));
            if (!context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status408RequestTimeout;
        }
        catch (ConnectionResetException)
        {
            // The client reset the connection while its body was being read (a crash, a killed process): nobody is left
            // to answer, and left to escape, Kestrel logs it as the application's unhandled exception with a stack trace.
            LogClientReset(Logger(context));
        }
    }

    private static Task RefuseTooLargeAsync(HttpContext context) =>
        JsonRpcRefusal.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: the body may be at most {MaxRequestBytes} bytes.");

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestGuard).FullName!);

    // Header values come from whoever sent the request: bounded before they reach the log.
    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request whose Host header '{Host}' is not a loopback name (possible DNS rebinding).")]
    private static partial void LogHostRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "A request body arrived too slowly; Kestrel answered 408 and the connection was closed.")]
    private static partial void LogBodyTooSlow(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client reset the connection before its request was read; nothing was answered.")]
    private static partial void LogClientReset(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request from Origin '{Origin}', which is not allowed.")]
    private static partial void LogOriginRefused(ILogger logger, string origin);
}
