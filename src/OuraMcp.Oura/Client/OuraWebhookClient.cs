using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Client;

/// <summary>
/// The OAuth app's webhook subscriptions (the six operations of <see cref="OuraCatalog.WebhookOperations"/>). These
/// calls authenticate with the app's client id and secret (<c>x-client-id</c>/<c>x-client-secret</c>, docs/oura-api.md §4),
/// never a user's token: each request is marked with <see cref="AppCredentials"/> so the pipeline adds no bearer.
/// Oura answers 403 for an unknown subscription id; it arrives here as <see cref="OuraNotFoundException"/>.
/// </summary>
public sealed class OuraWebhookClient : IOuraWebhookClient
{
    /// <summary>Request option telling the pipeline's authentication handler that the request carries app credentials.</summary>
    public static readonly HttpRequestOptionsKey<bool> AppCredentials = new("OuraMcp.AppCredentials");

    private static readonly OuraErrorContext Subject = new() { Subject = "webhook subscription", IsWebhook = true };

    private readonly OuraHttp _http;

    /// <param name="http">An HttpClient; its BaseAddress may be null (the options' base address is used).</param>
    /// <param name="options">The base address and the app's ClientId/ClientSecret.</param>
    /// <param name="timeProvider">The clock for Retry-After dates; the system clock by default.</param>
    public OuraWebhookClient(HttpClient http, IOptions<OuraClientOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = new OuraHttp(http, options.Value, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        await SendAsync("list", null, null, TypeInfo<List<WebhookSubscription>>(), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<WebhookSubscription> CreateAsync(CreateWebhookSubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync("create", null, JsonContent.Create(request, TypeInfo<CreateWebhookSubscriptionRequest>()),
            TypeInfo<WebhookSubscription>(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync("get", RequireId(id), null, TypeInfo<WebhookSubscription>(), cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSubscription> UpdateAsync(string id, UpdateWebhookSubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync("update", RequireId(id), JsonContent.Create(request, TypeInfo<UpdateWebhookSubscriptionRequest>()),
            TypeInfo<WebhookSubscription>(), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<object>("delete", RequireId(id), null, null, cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSubscription> RenewAsync(string id, CancellationToken cancellationToken) =>
        SendAsync("renew", RequireId(id), null, TypeInfo<WebhookSubscription>(), cancellationToken);

    private async Task<T> SendAsync<T>(string operationName, string? id, HttpContent? body, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken)
    {
        using var content = body;
        var (clientId, clientSecret) = Credentials();
        var operation = OuraCatalog.WebhookOperations.Single(o => o.Name == operationName);
        var path = id is null ? operation.PathTemplate : operation.PathTemplate.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), _http.BuildUri(path, [])) { Content = content };
        request.Headers.TryAddWithoutValidation("x-client-id", clientId);
        request.Headers.TryAddWithoutValidation("x-client-secret", clientSecret);
        request.Options.Set(AppCredentials, true);

        var context = Subject with { WebhookId = id };
        using var response = await _http.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
        // Create answers 201 and delete 204 (docs/oura-api.md §4); any other 2xx is accepted as success too.
        return responseType is null ? default! : await OuraHttp.ReadJsonAsync(response, responseType, context, cancellationToken).ConfigureAwait(false);
    }

    private (string ClientId, string ClientSecret) Credentials()
    {
        var id = _http.Options.ClientId;
        var secret = _http.Options.ClientSecret;
        if (!string.IsNullOrWhiteSpace(id) && !string.IsNullOrWhiteSpace(secret)) return (id, secret);

        var missing = string.Join(" and ", new[] { (id, "OURA_CLIENT_ID"), (secret, "OURA_CLIENT_SECRET") }
            .Where(p => string.IsNullOrWhiteSpace(p.Item1)).Select(p => p.Item2));
        throw new OuraUnauthorizedException(
            $"Webhook subscriptions are managed with the Oura app's client id and secret, and {missing} {(missing.Contains(" and ", StringComparison.Ordinal) ? "are" : "is")} not set. " +
            "Set OURA_CLIENT_ID and OURA_CLIENT_SECRET to the app's values from Oura's developer portal.");
    }

    private static string RequireId(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new ArgumentException("A webhook subscription id is needed.", nameof(id)) : id;

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)OuraJson.Options.GetTypeInfo(typeof(T));
}
