using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Client;

/// <summary>What a failed request was about, so its error can say what to do.</summary>
internal sealed record OuraErrorContext
{
    /// <summary>The collection's route name (e.g. <c>heartrate</c>), or "webhook subscription".</summary>
    public required string Subject { get; init; }

    /// <summary>A human title (e.g. "Heart rate").</summary>
    public string? Title { get; init; }

    /// <summary>The OAuth scope that grants the collection, if Oura lists one.</summary>
    public string? Scope { get; init; }

    /// <summary>The document id asked for, on a single-document route.</summary>
    public string? DocumentId { get; init; }

    /// <summary>True on webhook routes, which authenticate with app credentials.</summary>
    public bool IsWebhook { get; init; }

    /// <summary>The subscription id, on webhook routes that take one.</summary>
    public string? WebhookId { get; init; }
}

/// <summary>
/// Maps Oura's non-success answers to <see cref="OuraApiException"/>s whose messages an agent can act on.
/// Nothing from the request's credentials may reach a message: any text taken from Oura's body is scrubbed of them.
/// </summary>
internal static partial class OuraErrors
{
    private const int MaxDetailLength = 300;

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    public static async Task<OuraApiException> FromResponseAsync(
        HttpResponseMessage response, HttpRequestMessage request, OuraErrorContext context, IReadOnlyCollection<string> secrets,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var scrub = Secrets(request, secrets);

        switch (status)
        {
            case 400:
            {
                var detail = Detail(body, scrub);
                return new OuraBadRequestException(
                    $"Oura rejected the {context.Subject} request as malformed (400){(detail is null ? "" : $": {detail}")}. " +
                    "Send days as yyyy-MM-dd, instants as ISO 8601 with an offset, and the first before the last.");
            }

            case 401 when context.IsWebhook:
                return new OuraUnauthorizedException(
                    "Oura rejected the app's client id or secret (401). Check OURA_CLIENT_ID and OURA_CLIENT_SECRET.");

            case 401:
                return new OuraUnauthorizedException(
                    "Oura rejected the access token (401): it is expired, malformed or revoked. Sign in to Oura again.");

            case 403 when context.IsWebhook && context.WebhookId is not null:
                // Oura answers 403, not 404, for an unknown subscription id (docs/oura-api.md §4).
                return new OuraNotFoundException(
                    $"The webhook subscription id '{Scrub(context.WebhookId, scrub)}' does not exist for this app (Oura answers 403 for an id it does not know). " +
                    "List the app's subscriptions to find the right id.");

            case 403 when context.IsWebhook:
                return new OuraForbiddenException(
                    "Oura refused the app's credentials for webhook subscriptions (403). Check OURA_CLIENT_ID and OURA_CLIENT_SECRET.", null);

            case 403:
                return Forbidden(context);

            case 404 when context.DocumentId is not null:
                return new OuraNotFoundException(
                    $"There is no document with id '{Scrub(context.DocumentId, scrub)}' in {context.Subject}. List {context.Subject} to find a valid id.");

            case 404:
                return new OuraNotFoundException(
                    $"Oura has no {context.Subject} route here (404). Check the configured base address and whether the sandbox is on.");

            case 422:
                return Validation(context, body, scrub);

            case 429:
                return RateLimited(response, time);

            case >= 500:
                return new OuraUnavailableException(
                    $"Oura is unavailable right now ({status} {response.ReasonPhrase}) for {context.Subject}. Try again in a minute.",
                    response.StatusCode);

            default:
                return new OuraUnavailableException(
                    $"Oura answered {context.Subject} with an unexpected status ({status} {response.ReasonPhrase}). Try again later.",
                    response.StatusCode);
        }
    }

    /// <summary>Oura's answer could not be read as the JSON expected (wrong content, malformed, truncated).</summary>
    public static OuraUnavailableException Unreadable(OuraErrorContext context, HttpStatusCode status, Exception? inner = null) =>
        new($"Oura's answer for {context.Subject} could not be read (it was not the JSON expected). Try again; if it persists, Oura may be changing its API.",
            status, inner);

    /// <summary>Oura's answer is JSON, but one member is not in the shape Oura documents: asking again would bring the same.</summary>
    public static OuraUnavailableException Misshapen(OuraErrorContext context, OuraUnreadableDocument what, HttpStatusCode status, Exception inner) =>
        new($"Oura sent the {context.Subject} document in a shape it does not document, so it could not be read: {what.Describe()}. " +
            "Asking again returns the same until Oura corrects it.",
            status, inner);

    private static OuraForbiddenException Forbidden(OuraErrorContext context)
    {
        var what = (context.Title ?? context.Subject).ToLowerInvariant();
        if (context.Scope is { } scope)
        {
            return new OuraForbiddenException(
                $"Oura refused access to {context.Subject} (403): the token lacks the '{scope}' scope or the user has not shared {what} data, " +
                $"or their Oura membership has expired. Sign in again granting '{scope}'.",
                scope);
        }

        return new OuraForbiddenException(
            $"Oura refused access to {context.Subject} (403): the user has not shared {what} data with this app, or their Oura membership has expired. " +
            "Sign in again and allow this data type.",
            null);
    }

    private static OuraValidationException Validation(OuraErrorContext context, string? body, IReadOnlyCollection<string> scrub)
    {
        var problems = ValidationProblems(body).Select(p => Scrub(p, scrub)).Distinct(StringComparer.Ordinal).ToList();
        var message = problems.Count == 0
            ? $"Oura rejected the parameters of the {context.Subject} request (422). Check the days, instants and ids sent."
            : $"Oura rejected the parameters of the {context.Subject} request (422): {string.Join("; ", problems)}. Correct them and try again.";
        return new OuraValidationException(message, problems);
    }

    /// <summary>
    /// The <c>detail</c> entries of an <c>HTTPValidationError</c> as "start_date: Input should be a valid date".
    /// FastAPI's location prefix ("query", "body", "path") and pydantic's boilerplate are dropped; any other body
    /// shape yields what can be salvaged, never an exception.
    /// </summary>
    internal static IReadOnlyList<string> ValidationProblems(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("detail", out var detail)) return [];
            if (detail.ValueKind == JsonValueKind.String) return Clean(detail.GetString()) is { Length: > 0 } s ? [s] : [];
            if (detail.ValueKind != JsonValueKind.Array) return [];

            var problems = new List<string>();
            foreach (var item in detail.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                var msg = item.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? Clean(m.GetString()) : "";
                if (msg.Length == 0) continue;
                var location = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                    ? Location(loc)
                    : "";
                problems.Add(location.Length == 0 ? msg : $"{location}: {msg}");
            }

            return problems;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Location(JsonElement loc)
    {
        var parts = loc.EnumerateArray()
            .Select(p => p.ValueKind switch
            {
                JsonValueKind.String => p.GetString() ?? "",
                JsonValueKind.Number => p.GetRawText(),
                _ => "",
            })
            .Where(p => p.Length > 0)
            .ToList();
        if (parts.Count > 1 && parts[0] is "query" or "body" or "path" or "header") parts.RemoveAt(0);
        return string.Join('.', parts);
    }

    private static string Clean(string? msg)
    {
        if (string.IsNullOrWhiteSpace(msg)) return "";
        var text = PydanticLink().Replace(msg, "");
        if (text.StartsWith("Value error, ", StringComparison.Ordinal)) text = text["Value error, ".Length..];
        text = Whitespace().Replace(text, " ").Trim().TrimEnd('.');
        return text.Length > MaxDetailLength ? text[..MaxDetailLength] + "…" : text;
    }

    private static OuraRateLimitedException RateLimited(HttpResponseMessage response, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => ResetHeader(response, now) ?? DefaultRetryAfter,
        };
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        var tier = Header(response, "X-RateLimit-Tier");
        var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return new OuraRateLimitedException(
            $"Oura's rate limit{(tier is null ? "" : $" ({tier})")} was reached. Retry after {seconds} s.", wait, tier);
    }

    private static TimeSpan? ResetHeader(HttpResponseMessage response, DateTimeOffset now) =>
        long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch) - now
            : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>A short reason from a 400's body (<c>{"detail": "..."}</c>), or null: raw bodies (HTML, stack traces) are not repeated.</summary>
    private static string? Detail(string? body, IReadOnlyCollection<string> scrub)
    {
        var problems = ValidationProblems(body);
        return problems.Count == 0 ? null : Scrub(string.Join("; ", problems), scrub);
    }

    private static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Every credential the request carried: the bearer token, app credentials, anything the caller names.</summary>
    private static IReadOnlyCollection<string> Secrets(HttpRequestMessage request, IReadOnlyCollection<string> extra)
    {
        var found = new List<string>(extra.Where(s => s.Length >= 4));
        if (request.Headers.Authorization?.Parameter is { Length: >= 4 } token) found.Add(token);
        foreach (var name in new[] { "x-client-secret", "x-client-id" })
        {
            if (request.Headers.TryGetValues(name, out var values)) found.AddRange(values.Where(v => v.Length >= 4));
        }

        return found;
    }

    /// <summary>Removes credentials from text that came from Oura or the caller before it enters a message.</summary>
    internal static string Scrub(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets) text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        return BearerValue().Replace(text, "Bearer [redacted]");
    }

    [GeneratedRegex(@"\s*For further information visit \S+", RegexOptions.CultureInvariant)]
    private static partial Regex PydanticLink();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"Bearer\s+[^\s""',;]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BearerValue();
}
