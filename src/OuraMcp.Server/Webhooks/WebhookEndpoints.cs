using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Webhooks;

namespace OuraMcp.Server.Webhooks;

/// <summary>
/// <c>/webhooks/oura</c>: Oura's verification GET, and its signed event POSTs, each checked (size, timestamp window,
/// signature, shape), kept in the durable inbox and acknowledged at once; the processor does the rest. Open to Oura in
/// every <c>--auth</c> mode: the signature, not a bearer, says who sent it.
/// </summary>
internal static partial class WebhookEndpoints
{
    public const string Route = "/webhooks/oura";

    private static readonly HashSet<string> EventTypes = new(StringComparer.Ordinal) { "create", "update", "delete" };

    public static void Map(WebApplication app)
    {
        app.MapGet(Route, (RequestDelegate)VerifyAsync);
        app.MapPost(Route, (RequestDelegate)ReceiveAsync);
    }

    /// <summary>Oura's verification on subscribing: the token it was given, and its challenge echoed back.</summary>
    private static Task VerifyAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<WebhookReceiverOptions>();
        var query = context.Request.Query;
        var challenge = query["challenge"].ToString();
        if (options.VerificationToken is null || query["verification_token"].Count != 1
            || !OuraWebhookSignature.SecretEquals(query["verification_token"].ToString(), options.VerificationToken)
            || challenge.Length is 0 or > 512)
        {
            LogVerificationRefused(Logger(context));
            return Answer(context, StatusCodes.Status401Unauthorized, "detail",
                options.VerificationToken is null
                    ? "This server has no OURA_WEBHOOK_VERIFICATION_TOKEN: set it to the token the subscription was created with."
                    : "The verification token does not match.");
        }
        return Answer(context, StatusCodes.Status200OK, "challenge", challenge);
    }

    private static async Task ReceiveAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<WebhookReceiverOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = Logger(context);
        var receivedAt = time.GetUtcNow();

        var body = await ReadBoundedAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            LogRefused(logger, "oversized body");
            await Answer(context, StatusCodes.Status413PayloadTooLarge, "detail", $"An event body may be at most {options.MaxBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        var timestamp = context.Request.Headers[OuraWebhookSignature.TimestampHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 100_000_000_000)
        {
            LogRefused(logger, "no timestamp");
            await Answer(context, StatusCodes.Status401Unauthorized, "detail", "x-oura-timestamp is missing or not unix seconds.").ConfigureAwait(false);
            return;
        }
        // Outside the window a captured event cannot be replayed later; inside it, the inbox keeps each event once.
        if ((receivedAt - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > options.TimestampWindow)
        {
            LogRefused(logger, "stale timestamp");
            await Answer(context, StatusCodes.Status401Unauthorized, "detail", "x-oura-timestamp is outside the accepted window.").ConfigureAwait(false);
            return;
        }
        if (!OuraWebhookSignature.IsValid(options.ClientSecret, timestamp, body, context.Request.Headers[OuraWebhookSignature.SignatureHeader].ToString()))
        {
            LogRefused(logger, "bad signature");
            await Answer(context, StatusCodes.Status401Unauthorized, "detail", "x-oura-signature does not match the body.").ConfigureAwait(false);
            return;
        }

        if (Parse(body) is not { } webhookEvent)
        {
            LogRefused(logger, "malformed body");
            await Answer(context, StatusCodes.Status400BadRequest, "detail",
                "The body must be a JSON object with string event_type (create, update or delete), data_type, object_id, event_time (ISO 8601) and user_id.").ConfigureAwait(false);
            return;
        }

        if (!IsReceivable(webhookEvent.DataType))
        {
            // Signed by Oura, so acknowledged (or Oura retries it for an hour), but nothing here can fetch it.
            LogIgnoredDataType(logger, Shorten(webhookEvent.DataType));
            await Answer(context, StatusCodes.Status200OK, "status", "ignored").ConfigureAwait(false);
            return;
        }

        bool added;
        try
        {
            added = await services.GetRequiredService<IWebhookInbox>().EnqueueAsync(webhookEvent, receivedAt, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HistoryStoreException e)
        {
            // Not acknowledged: Oura delivers it again later.
            LogInboxFailed(logger, e.Message);
            await Answer(context, StatusCodes.Status503ServiceUnavailable, "detail", "The event could not be kept; deliver it again later.").ConfigureAwait(false);
            return;
        }
        if (added) services.GetRequiredService<WebhookProcessor>().Wake();
        await Answer(context, StatusCodes.Status200OK, "status", added ? "queued" : "duplicate").ConfigureAwait(false);
    }

    /// <summary>Collections Oura sends events for that have a document route to fetch them by (not <c>meal</c>).</summary>
    internal static bool IsReceivable(string dataType) => CollectionOf(dataType) is not null;

    internal static OuraCollection? CollectionOf(string dataType) =>
        OuraCatalog.All.FirstOrDefault(c => c.HasDocumentRoute && string.Equals(c.WebhookDataType, dataType, StringComparison.Ordinal));

    private static WebhookEvent? Parse(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject root) return null;
            string? Text(string name) => root[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 256 ? text : null;
            if (Text("event_type") is not { } eventType || !EventTypes.Contains(eventType)
                || Text("data_type") is not { } dataType || Text("object_id") is not { } objectId || Text("user_id") is not { } userId
                || Text("event_time") is not { } eventTimeText
                || !DateTimeOffset.TryParse(eventTimeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var eventTime))
                return null;
            return new WebhookEvent(userId, dataType, objectId, eventType, eventTime);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body, or null once it passes <paramref name="limit"/> bytes (declared or read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit) return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static Task Answer(HttpContext context, int status, string name, string value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { [name] = value }.ToJsonString(), context.RequestAborted);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookEndpoints).FullName!);

    // Values come from whoever sent the request: bounded before they reach the log.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook verification: the token did not match (or none is configured).")]
    private static partial void LogVerificationRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook event: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a webhook event for data type '{DataType}', which has no document to fetch.")]
    private static partial void LogIgnoredDataType(ILogger logger, string dataType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not keep a webhook event; answered 503 so that Oura delivers it again: {Reason}")]
    private static partial void LogInboxFailed(ILogger logger, string reason);
}
