using Microsoft.AspNetCore.Http;

namespace OuraMcp.FakeOura.Http;

/// <summary>
/// Runs in front of every Oura route: records the request in the log (once answered) and applies armed faults.
/// Control routes pass straight through, and only from loopback.
/// </summary>
internal sealed class FaultsAndLogMiddleware(FakeOuraState state, CancellationToken stopping)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(ControlRoutes.Prefix + "/", StringComparison.Ordinal) || path == ControlRoutes.Prefix)
        {
            if (ControlRoutes.IsLoopback(context)) await next(context).ConfigureAwait(false);
            else await Responses.NotFound(context).ConfigureAwait(false);
            return;
        }

        var at = state.Clock.GetUtcNow();
        try
        {
            await ApplyFaultsAsync(context, path, next).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client gave up (or the fake is stopping): nothing left to answer.
        }
        finally
        {
            state.Requests.Add(Describe(context, at));
        }
    }

    private async Task ApplyFaultsAsync(HttpContext context, string path, RequestDelegate next)
    {
        var malformed = false;
        var documentFaults = new List<FakeFault>();
        foreach (var fault in state.Faults.TakeForRequest(path))
        {
            switch (fault.Kind)
            {
                case FakeFaultKind.Delay:
                    await WaitAsync(TimeSpan.FromMilliseconds(fault.DelayMilliseconds), context).ConfigureAwait(false);
                    break;
                case FakeFaultKind.MalformedJson:
                    malformed = true;
                    break;
                case FakeFaultKind.MalformedDocument or FakeFaultKind.RepeatedDocument:
                    documentFaults.Add(fault);
                    break;
                case FakeFaultKind.Timeout:
                    await WaitAsync(Timeout.InfiniteTimeSpan, context).ConfigureAwait(false);
                    return;
                case FakeFaultKind.RateLimit:
                    await RateLimitAsync(context, fault).ConfigureAwait(false);
                    return;
                case FakeFaultKind.ServerError:
                    await Responses.Detail(context, fault.Status, fault.Status switch
                    {
                        502 => "Bad Gateway",
                        503 => "Service Unavailable",
                        _ => "Internal Server Error",
                    }).ConfigureAwait(false);
                    return;
                case FakeFaultKind.ExpiredToken:
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Responses.Detail(context, StatusCodes.Status401Unauthorized, "Unauthorized: the access token has expired.").ConfigureAwait(false);
                    return;
                case FakeFaultKind.Forbidden:
                    await Responses.Detail(context, StatusCodes.Status403Forbidden, "Forbidden: the user's membership has expired.").ConfigureAwait(false);
                    return;
            }
        }

        if (!malformed && documentFaults.Count == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Let the route answer into a buffer, change it, then send it (only the first half of it when malformed).
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }
        var bytes = DocumentFaults.Apply(buffer.ToArray(), documentFaults);
        var cut = malformed ? bytes.Length / 2 : bytes.Length;
        context.Response.ContentLength = cut;
        await original.WriteAsync(bytes.AsMemory(0, cut), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Waits on the fake's clock (a manual clock in tests), ending early if the client leaves or the fake stops.</summary>
    private async Task WaitAsync(TimeSpan delay, HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var wait = Task.Delay(delay, state.Clock, linked.Token);
        state.Faults.EnterWait();
        try
        {
            await wait.ConfigureAwait(false);
        }
        finally
        {
            state.Faults.ExitWait();
        }
    }

    /// <summary>429 with the five headers Oura documents; Reset is now + Retry-After so they agree.</summary>
    private Task RateLimitAsync(HttpContext context, FakeFault fault)
    {
        var headers = context.Response.Headers;
        var reset = state.Clock.GetUtcNow().ToUnixTimeSeconds() + fault.RetryAfterSeconds;
        headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = fault.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Window"] = fault.WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Tier"] = fault.Tier;
        return Responses.Detail(context, StatusCodes.Status429TooManyRequests, "Request Rate Limit Exceeded.");
    }

    private static FakeRequest Describe(HttpContext context, DateTimeOffset at)
    {
        var request = context.Request;
        string? scheme = null, fingerprint = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var space = authorization.IndexOf(' ', StringComparison.Ordinal);
            scheme = space < 0 ? authorization : authorization[..space];
            var credential = space < 0 ? "" : authorization[(space + 1)..].Trim();
            if (credential.Length > 0) fingerprint = FakeRequestLog.Fingerprint(credential);
        }
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
        return new FakeRequest(at, request.Method, request.Path.Value ?? "", query, scheme, fingerprint, status);
    }
}
