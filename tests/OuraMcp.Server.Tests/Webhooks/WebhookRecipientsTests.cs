using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Auth;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Http;
using OuraMcp.Server.People;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// Many people in one process (<c>--auth oauth</c>): an event's Oura user id names exactly the person who connected that
/// account, who then reads Oura with their own tokens; any other user id names nobody.
/// </summary>
public sealed class WebhookRecipientsTests
{
    [Fact]
    public async Task An_events_user_id_names_the_person_who_connected_that_Oura_account_and_nobody_else()
    {
        var other = FakePeople.Create("someone-else", 7, "America/Los_Angeles", WebhookRig.Today.AddDays(-3), WebhookRig.Today);
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount("token-of-webhook-person", WebhookRig.Person));
        options.Accounts.Add(new FakeAccount("token-of-someone-else", other));
        await using var fake = FakeOuraServer.CreateInProcess(options);
        var directory = new Directory(new()
        {
            [OuraUpstreamSignIn.AccountOf(WebhookRig.Person.Id)] = new("token-of-webhook-person", WebhookRig.Person.TimeZone),
            [OuraUpstreamSignIn.AccountOf(other.Id)] = new("token-of-someone-else", other.TimeZone),
        });
        var settings = new ServerSettings { BaseUrl = fake.BaseAddress };
        // The people need their history seam, which the server's composition registers (none kept here).
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddSingleton(PersonHistory.Temporary(TimeProvider.System));
        services.AddSignedInPeople(settings, _ => directory, new LocalSignInHint(), _ => fake.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var recipients = new WebhookRecipients(provider, settings);

        var found = await recipients.FindAsync(WebhookRig.Person.Id, CancellationToken.None);
        var second = await recipients.FindAsync(other.Id, CancellationToken.None);
        var nobody = await recipients.FindAsync("never-connected", CancellationToken.None);

        found!.Person.Id.Should().Be(OuraUpstreamSignIn.AccountOf(WebhookRig.Person.Id));
        found.HistoryKey.Should().Be(found.Person.Id);
        found.Person.TimeZone.Should().Be(WebhookRig.Person.TimeZone);
        (await found.Person.Oura.GetPersonalInfoAsync(CancellationToken.None)).Id.Should().Be(WebhookRig.Person.Id, "the person reads Oura with their own tokens");
        (await second!.Person.Oura.GetPersonalInfoAsync(CancellationToken.None)).Id.Should().Be(other.Id);
        nobody.Should().BeNull();
    }

    private sealed record Connection(string Token, TimeZoneInfo Zone);

    private sealed class Directory(Dictionary<string, Connection> people) : IPersonDirectory
    {
        public ValueTask<ConnectedPerson?> FindAsync(string subject, CancellationToken cancellationToken) =>
            ValueTask.FromResult(people.TryGetValue(subject, out var c) ? new ConnectedPerson(subject, c.Zone, new StaticTokenProvider(c.Token)) : null);
    }
}
