using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Http;

/// <summary>The app's webhook subscriptions, in creation order.</summary>
internal sealed class WebhookStore
{
    private readonly object _gate = new();
    private readonly List<WebhookSubscription> _subscriptions = [];

    public List<WebhookSubscription> All()
    {
        lock (_gate) return [.. _subscriptions];
    }

    public WebhookSubscription? Get(string id)
    {
        lock (_gate) return _subscriptions.FirstOrDefault(s => s.Id == id);
    }

    public void Add(WebhookSubscription subscription)
    {
        lock (_gate) _subscriptions.Add(subscription);
    }

    /// <summary>Applies <paramref name="change"/> to the subscription with this id; null when there is none.</summary>
    public WebhookSubscription? Update(string id, Func<WebhookSubscription, WebhookSubscription> change)
    {
        lock (_gate)
        {
            var index = _subscriptions.FindIndex(s => s.Id == id);
            if (index < 0) return null;
            return _subscriptions[index] = change(_subscriptions[index]);
        }
    }

    public bool Remove(string id)
    {
        lock (_gate) return _subscriptions.RemoveAll(s => s.Id == id) > 0;
    }
}

/// <summary>
/// The six webhook-subscription operations of <see cref="OuraCatalog.WebhookOperations"/>. They authenticate with the
/// app's <c>x-client-id</c>/<c>x-client-secret</c>, never a user token.
/// </summary>
internal sealed class WebhookRoutes(FakeOuraState state)
{
    private const string UnknownId = "Webhook with specified id does not exist.";

    public void Map(IEndpointRouteBuilder routes)
    {
        var handlers = new Dictionary<string, RequestDelegate>(StringComparer.Ordinal)
        {
            ["list"] = ListAsync,
            ["create"] = CreateAsync,
            ["get"] = GetAsync,
            ["update"] = UpdateAsync,
            ["delete"] = DeleteAsync,
            ["renew"] = RenewAsync,
        };
        foreach (var operation in OuraCatalog.WebhookOperations)
        {
            if (!handlers.TryGetValue(operation.Name, out var handler))
                throw new InvalidOperationException($"The fake Oura has no handler for webhook operation '{operation.Name}'.");
            RequestDelegate guarded = async context =>
            {
                if (await AuthorizeAsync(context).ConfigureAwait(false)) await handler(context).ConfigureAwait(false);
            };
            routes.MapMethods(operation.PathTemplate, [operation.Method], guarded);
        }
    }

    /// <summary>
    /// Both app headers must match. The spec documents no 401 on these routes; an API cannot let anyone manage an
    /// app's subscriptions, so the fake answers 401 like the data routes do for bad credentials.
    /// </summary>
    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers["x-client-id"] == state.Options.ClientId && headers["x-client-secret"] == state.Options.ClientSecret) return true;
        await Responses.Detail(context, StatusCodes.Status401Unauthorized, "Unauthorized: x-client-id and x-client-secret must identify the app.").ConfigureAwait(false);
        return false;
    }

    private Task ListAsync(HttpContext context) =>
        Responses.Json(context, StatusCodes.Status200OK, JsonSerializer.SerializeToNode(state.Webhooks.All(), OuraJson.Options.GetTypeInfo(typeof(List<WebhookSubscription>))));

    private async Task CreateAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body) return;
        var issues = new List<Issue>();
        var callback = RequiredString(body, "callback_url", issues);
        var verification = RequiredString(body, "verification_token", issues);
        var eventType = EnumValue<WebhookOperation>(body, "event_type", required: true, issues);
        var dataType = EnumValue<WebhookDataType>(body, "data_type", required: true, issues);
        if (issues.Count > 0)
        {
            await Responses.Validation(context, issues).ConfigureAwait(false);
            return;
        }

        if (state.Options.VerifyWebhookCallbacks && !await WebhookVerification.VerifyAsync(state.Options, callback!, verification!, context.RequestAborted).ConfigureAwait(false))
        {
            await Responses.Detail(context, StatusCodes.Status400BadRequest, "Callback verification failed: the callback did not echo the challenge.").ConfigureAwait(false);
            return;
        }

        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid().ToString(),
            CallbackUrl = callback!,
            EventType = new OuraEnum<WebhookOperation>(eventType!),
            DataType = new OuraEnum<WebhookDataType>(dataType!),
            ExpirationTime = state.Clock.GetUtcNow() + state.Options.WebhookSubscriptionLifetime,
        };
        state.Webhooks.Add(subscription);
        await WriteAsync(context, StatusCodes.Status201Created, subscription).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context)
    {
        if (state.Webhooks.Get(Id(context)) is { } subscription) await WriteAsync(context, StatusCodes.Status200OK, subscription).ConfigureAwait(false);
        else await Responses.Detail(context, StatusCodes.Status403Forbidden, UnknownId).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        // Oura answers an unknown id before looking at the body.
        if (state.Webhooks.Get(Id(context)) is null)
        {
            await Responses.Detail(context, StatusCodes.Status403Forbidden, UnknownId).ConfigureAwait(false);
            return;
        }
        if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body) return;
        var issues = new List<Issue>();
        RequiredString(body, "verification_token", issues);
        var callback = OptionalString(body, "callback_url", issues);
        var eventType = EnumValue<WebhookOperation>(body, "event_type", required: false, issues);
        var dataType = EnumValue<WebhookDataType>(body, "data_type", required: false, issues);
        if (issues.Count > 0)
        {
            await Responses.Validation(context, issues).ConfigureAwait(false);
            return;
        }
        var updated = state.Webhooks.Update(Id(context), s => s with
        {
            CallbackUrl = callback ?? s.CallbackUrl,
            EventType = eventType is null ? s.EventType : new OuraEnum<WebhookOperation>(eventType),
            DataType = dataType is null ? s.DataType : new OuraEnum<WebhookDataType>(dataType),
        });
        if (updated is null) await Responses.Detail(context, StatusCodes.Status403Forbidden, UnknownId).ConfigureAwait(false);
        else await WriteAsync(context, StatusCodes.Status200OK, updated).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        if (state.Webhooks.Remove(Id(context))) context.Response.StatusCode = StatusCodes.Status204NoContent;
        else await Responses.Detail(context, StatusCodes.Status403Forbidden, UnknownId).ConfigureAwait(false);
    }

    private async Task RenewAsync(HttpContext context)
    {
        var renewed = state.Webhooks.Update(Id(context), s => s with { ExpirationTime = state.Clock.GetUtcNow() + state.Options.WebhookSubscriptionLifetime });
        if (renewed is null) await Responses.Detail(context, StatusCodes.Status403Forbidden, UnknownId).ConfigureAwait(false);
        else await WriteAsync(context, StatusCodes.Status200OK, renewed).ConfigureAwait(false);
    }

    private static string Id(HttpContext context) => (string?)context.Request.RouteValues["id"] ?? "";

    private static Task WriteAsync(HttpContext context, int status, WebhookSubscription subscription) =>
        Responses.Json(context, status, JsonSerializer.SerializeToNode(subscription, OuraJson.Options.GetTypeInfo(typeof(WebhookSubscription))));

    /// <summary>The JSON object body, or null after answering 422 as FastAPI does for a missing or broken body.</summary>
    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        JsonNode? node;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
            {
                await Responses.Validation(context, [new Issue(["body"], "Field required", "missing")]).ConfigureAwait(false);
                return null;
            }
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            await Responses.Validation(context, [new Issue(["body", "0"], "JSON decode error", "json_invalid")]).ConfigureAwait(false);
            return null;
        }
        if (node is JsonObject body) return body;
        await Responses.Validation(context, [new Issue(["body"], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")]).ConfigureAwait(false);
        return null;
    }

    private static string? RequiredString(JsonObject body, string name, List<Issue> issues)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            issues.Add(new Issue(["body", name], "Field required", "missing"));
            return null;
        }
        return AsString(node, name, issues);
    }

    private static string? OptionalString(JsonObject body, string name, List<Issue> issues) =>
        body.TryGetPropertyValue(name, out var node) && node is not null ? AsString(node, name, issues) : null;

    private static string? AsString(JsonNode node, string name, List<Issue> issues)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        issues.Add(new Issue(["body", name], "Input should be a valid string", "string_type"));
        return null;
    }

    /// <summary>A value of one of Oura's enums; required or optional-and-nullable.</summary>
    private static string? EnumValue<TEnum>(JsonObject body, string name, bool required, List<Issue> issues) where TEnum : struct, Enum
    {
        var text = required ? RequiredString(body, name, issues) : OptionalString(body, name, issues);
        if (text is null || OuraEnumNames<TEnum>.TryParse(text) is not null) return text;
        var allowed = OuraEnumNames<TEnum>.All.Select(v => $"'{v}'").ToList();
        var list = allowed.Count > 1 ? $"{string.Join(", ", allowed.SkipLast(1))} or {allowed[^1]}" : allowed[0];
        issues.Add(new Issue(["body", name], $"Input should be {list}", "enum"));
        return null;
    }
}

/// <summary>Oura's verification handshake: GET the callback with a token and a challenge, expect the challenge back.</summary>
internal static class WebhookVerification
{
    public static async Task<bool> VerifyAsync(FakeOuraOptions options, string callbackUrl, string verificationToken, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var callback) || callback.Scheme is not ("http" or "https")) return false;
        var challenge = Guid.NewGuid().ToString("N");
        var separator = string.IsNullOrEmpty(callback.Query) ? "?" : "&";
        var url = $"{callback}{separator}verification_token={Uri.EscapeDataString(verificationToken)}&challenge={challenge}";
        using var client = new HttpClient(options.WebhookCallbackHandler ?? new SocketsHttpHandler(), disposeHandler: options.WebhookCallbackHandler is null);
        // Oura gives callbacks 10 seconds to answer (docs/oura-api.md §4).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await client.GetAsync(url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return false;
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            return answer?["challenge"]?.GetValueKind() == JsonValueKind.String && (string?)answer["challenge"] == challenge;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
