using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.People;

/// <summary>
/// The one person of a local server (stdio, <c>--auth none</c>, <c>--auth api-key</c>): whoever connects reads the
/// account the process was started with (<see cref="OuraBackend"/>), in the time zone it was given. Built on the first
/// request, so start-up builds nothing of the Oura client.
/// </summary>
public sealed class LocalPerson(IServiceProvider services, ServerSettings settings) : IPeople
{
    /// <summary>The local person's id: there is only one, so any fixed value keys their state.</summary>
    public const string Id = "local";

    private readonly Lazy<Person> _person = new(() => new Person
    {
        Id = Id,
        TimeZone = settings.TimeZone,
        Oura = services.GetRequiredService<PersonHistory>().Through(services.GetRequiredService<IOuraClient>(), Cli.HistoryCommands.Person(settings)),
    });

    public ValueTask<Person> ResolveAsync(ClaimsPrincipal? user, CancellationToken cancellationToken) => ValueTask.FromResult(_person.Value);
}
