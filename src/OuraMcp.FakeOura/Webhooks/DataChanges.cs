using System.Text.Json.Nodes;
using OuraMcp.FakeOura.Data;
using OuraMcp.FakeOura.Http;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.FakeOura.Webhooks;

/// <summary>
/// A person's data changing upstream, as it does when the ring syncs and Oura revises a day: the document is edited
/// (or deleted) where it is served, and the app's matching subscriptions are sent the event.
/// </summary>
internal sealed class DataChanges(FakeOuraState state)
{
    /// <summary>Sets members of one document (<paramref name="set"/>), or deletes it (null), then delivers the event.</summary>
    /// <exception cref="KeyNotFoundException">No served person or document has these ids.</exception>
    public Task<IReadOnlyList<FakeDeliveryAttempt>> ChangeAsync(
        string personId, OuraCollection collection, string documentId, JsonObject? set, FakeDeliveryOptions delivery, CancellationToken cancellationToken)
    {
        if (collection.WebhookDataType is null || !collection.HasDocumentRoute)
            throw new KeyNotFoundException($"Oura sends no webhook events for {collection.Name}.");
        var person = People().FirstOrDefault(p => p.Id == personId)
                     ?? throw new KeyNotFoundException($"No person '{personId}' is served here.");
        if (!person.Documents(collection).Any(d => d.Id == documentId) || state.Edits.IsDeleted(person.Id, collection.Name, documentId))
            throw new KeyNotFoundException($"{person.Id} has no {collection.Name} document '{documentId}'.");

        if (set is null) state.Edits.Delete(person.Id, collection.Name, documentId);
        else state.Edits.Set(person.Id, collection.Name, documentId, set);
        return state.Delivery.DeliverAsync(person.Id, collection, documentId, set is null ? "delete" : "update", delivery, cancellationToken);
    }

    private IEnumerable<IFakePerson> People() =>
        state.Options.Accounts.Select(a => a.Person).Append(state.Options.OAuthPerson).OfType<IFakePerson>();
}
