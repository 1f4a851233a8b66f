using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Client;

/// <summary>
/// Reads a user's Oura data. Every list call follows <c>next_token</c> to the end (or says it stopped early),
/// returns exactly the local days or the instants asked for whatever Oura's range quirks, and maps Oura's errors
/// to <see cref="Errors.OuraApiException"/> subclasses whose messages say what to do.
/// </summary>
public interface IOuraClient
{
    /// <summary>Every document or row of <paramref name="collection"/> in the request's range, across all pages.</summary>
    Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken);

    /// <summary>One document by id. Throws <see cref="Errors.OuraNotFoundException"/> for an unknown id.</summary>
    Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken);

    /// <summary>The user's profile (personal_info has no envelope and no parameters).</summary>
    Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken);
}

/// <summary>Webhook subscriptions of the OAuth app. These calls use the app's client id and secret, not a user token.</summary>
public interface IOuraWebhookClient
{
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken);

    Task<WebhookSubscription> CreateAsync(CreateWebhookSubscriptionRequest request, CancellationToken cancellationToken);

    Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken);

    Task<WebhookSubscription> UpdateAsync(string id, UpdateWebhookSubscriptionRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(string id, CancellationToken cancellationToken);

    Task<WebhookSubscription> RenewAsync(string id, CancellationToken cancellationToken);
}
