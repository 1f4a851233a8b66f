using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.Http;

/// <summary>
/// <c>POST /mcp</c>: MCP's streamable HTTP transport in stateless mode. Every request is checked (method, media
/// types, size, one well-formed JSON-RPC message, protocol version), then served by a server of its own, composed
/// from the same options as stdio, that lives exactly as long as the request.
/// </summary>
public sealed partial class McpHttpEndpoint(
    IOptionsFactory<McpServerOptions> optionsFactory, ILoggerFactory loggerFactory, ILogger<McpHttpEndpoint> logger)
{
    /// <summary>The largest request body accepted: MCP requests are small; anything larger is refused with 413.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>JSON-RPC's "server error" code, for refusals that have no code of their own.</summary>
    public const int ServerErrorCode = -32000;

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType = TypeInfo<JsonRpcMessage>();
    private static readonly JsonTypeInfo<JsonRpcError> ErrorType = TypeInfo<JsonRpcError>();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            // Stateless: no session to stream to (GET) or to end (DELETE).
            context.Response.Headers.Allow = HttpMethods.Post;
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, ServerErrorCode, "Method Not Allowed: this endpoint takes POST only.").ConfigureAwait(false);
            return;
        }

        if (!IsJsonContent(request.ContentType))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, ServerErrorCode, "Unsupported Media Type: the body must be application/json.").ConfigureAwait(false);
            return;
        }

        if (!Accepts(request, "application/json") || !Accepts(request, "text/event-stream"))
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, ServerErrorCode, "Not Acceptable: the client must accept both application/json and text/event-stream.").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status413RequestEntityTooLarge, ServerErrorCode, $"Payload Too Large: the body may be at most {MaxRequestBytes} bytes.").ConfigureAwait(false);
            return;
        }

        var message = ParseMessage(body, out var problem);
        if (message is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.InvalidRequest, "Bad Request: " + problem).ConfigureAwait(false);
            return;
        }

        var requestId = message is JsonRpcRequest r ? r.Id : default;
        var version = request.Headers[ProtocolVersions.HeaderName].ToString();
        if (version.Length > 0 && !ProtocolVersions.IsSupported(version))
        {
            var data = new JsonObject
            {
                ["supported"] = new JsonArray([.. ProtocolVersions.Supported.Select(v => JsonValue.Create(v))]),
                ["requested"] = version,
            };
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.UnsupportedProtocolVersion,
                $"Bad Request: protocol version '{version}' is not supported; supported: {string.Join(", ", ProtocolVersions.Supported)}.", requestId, data).ConfigureAwait(false);
            return;
        }

        // The transport reads the revision from the message's context; a signed-in user would be copied here too once
        // the HTTP mode has authorization.
        if (version.Length > 0) (message.Context ??= new JsonRpcMessageContext()).ProtocolVersion = version;

        await ServeAsync(context, message, version).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context, JsonRpcMessage message, string version)
    {
        var aborted = context.RequestAborted;

        // Options per request, as the SDK's own HTTP host does in stateless mode: this is where the toolsets, read-only
        // mode and exclusions (the post-configure step) apply, exactly as for stdio.
        var options = optionsFactory.Create(Options.DefaultName);
        // The request's own DI scope serves the call; the server does not outlive it.
        options.ScopeRequests = false;

        var transport = new StreamableHttpServerTransport(loggerFactory) { Stateless = true };
        var server = McpServer.Create(transport, options, loggerFactory, context.RequestServices);
        // A client that disconnects cancels the run, and with it the tool call in flight.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var running = server.RunAsync(run.Token);
        try
        {
            PrepareEventStream(context);
            var wrote = await transport.HandlePostRequestAsync(message, context.Response.Body, OnResponseStarting(context, version), aborted).ConfigureAwait(false);
            if (!wrote)
            {
                // A notification or a response: nothing to answer, and so no content type either.
                context.Response.Headers.ContentType = (string?)null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientGone(logger);
        }
        finally
        {
            await run.CancelAsync().ConfigureAwait(false);
            await transport.DisposeAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The run ends by cancellation: that is how a per-request server stops.
            }

            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Revisions from 2026-07-28 on answer some JSON-RPC errors with an HTTP status (SEP-2575); the status can only be
    /// set before the first byte, which this callback precedes. Earlier revisions answer 200 and carry the error.
    /// </summary>
    private static Func<JsonRpcMessage?, ValueTask>? OnResponseStarting(HttpContext context, string version)
    {
        if (!ProtocolVersions.UsesPerRequestMetadata(version)) return null;
        return first =>
        {
            if (first is JsonRpcError { Error: { } error } && !context.Response.HasStarted)
            {
                context.Response.StatusCode = (McpErrorCode)error.Code switch
                {
                    McpErrorCode.MethodNotFound => StatusCodes.Status404NotFound,
                    McpErrorCode.MissingRequiredClientCapability or McpErrorCode.UnsupportedProtocolVersion or McpErrorCode.HeaderMismatch => StatusCodes.Status400BadRequest,
                    _ => context.Response.StatusCode,
                };
            }

            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Server-sent events must reach the client as written: no caching, no compression, no proxy buffering.</summary>
    private static void PrepareEventStream(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentType = "text/event-stream";
        headers.CacheControl = "no-cache,no-store";
        headers.ContentEncoding = "identity";
        headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    private static bool IsJsonContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when some Accept entry with a non-zero quality covers the type: exact, type/* or */*.</summary>
    private static bool Accepts(HttpRequest request, string mediaType)
    {
        var type = mediaType[..mediaType.IndexOf('/', StringComparison.Ordinal)];
        foreach (var accepted in request.GetTypedHeaders().Accept)
        {
            if (accepted.Quality is 0) continue;
            var name = accepted.MediaType.Value ?? "";
            if (name == "*/*" || name.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ||
                name.Equals(type + "/*", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxRequestBytes"/> (declared or actual).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxRequestBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                // Counted here too: a chunked body declares no length, and a test host has no server-wide limit.
                if (buffer.Length + read > MaxRequestBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>One JSON-RPC message, or null with the reason: not JSON, a batch, not an object, a null id.</summary>
    private static JsonRpcMessage? ParseMessage(byte[] body, out string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Array:
                    problem = "JSON-RPC batches are not supported; send one message per request.";
                    return null;
                case not JsonValueKind.Object:
                    problem = "the body is not a JSON-RPC message.";
                    return null;
            }

            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Null)
            {
                problem = "a request id must not be null.";
                return null;
            }

            var message = root.Deserialize(MessageType);
            problem = message is null ? "the body is not a JSON-RPC message." : "";
            return message;
        }
        catch (JsonException e)
        {
            // The parser's position helps a client author find what is wrong; the body itself is never echoed or logged.
            problem = $"the body is not a valid JSON-RPC message ({(e.LineNumber is { } line ? $"line {line + 1}" : "unknown position")}).";
            return null;
        }
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, int code, string message, RequestId id = default, JsonNode? data = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } };
        return JsonSerializer.SerializeAsync(context.Response.Body, error, ErrorType, context.RequestAborted);
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T));

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client went away before its answer was complete; the call was cancelled.")]
    private static partial void LogClientGone(ILogger logger);
}
