using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Http;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Webhooks;

/// <summary>Whom an event is for: the person (their Oura client, zone and id) and the key their history is kept under.</summary>
internal sealed record WebhookRecipient(Person Person, string HistoryKey);

/// <summary>
/// Routes an event by Oura's <c>user_id</c>. With <c>--auth oauth</c> a person's id is derived from their Oura user id
/// (<see cref="OuraUpstreamSignIn.AccountOf"/>), so the directory answers directly. A local server has one person;
/// their Oura user id is asked of Oura once (<c>personal_info</c>), and every other user id is nobody.
/// </summary>
internal sealed class WebhookRecipients(IServiceProvider services, ServerSettings settings)
{
    private string? _localOuraUserId;

    public async Task<WebhookRecipient?> FindAsync(string ouraUserId, CancellationToken cancellationToken)
    {
        if (services.GetService<IPersonDirectory>() is { } directory && services.GetRequiredService<IPeople>() is SignedInPeople people)
        {
            var connected = await directory.FindAsync(OuraUpstreamSignIn.AccountOf(ouraUserId), cancellationToken).ConfigureAwait(false);
            return connected is null ? null : new WebhookRecipient(people.PersonOf(connected), connected.Id);
        }

        var person = await services.GetRequiredService<IPeople>().ResolveAsync(null, cancellationToken).ConfigureAwait(false);
        _localOuraUserId ??= (await person.Oura.GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false)).Id;
        // The local history is kept under the name `sync` uses, so events and syncs fill the same rows.
        return string.Equals(_localOuraUserId, ouraUserId, StringComparison.Ordinal) ? new WebhookRecipient(person, HistoryCommands.Person(settings)) : null;
    }
}
