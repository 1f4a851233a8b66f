using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Oura;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.People;

/// <summary>
/// How a host serves many people from one process. Called before <see cref="ServerComposition.AddOuraMcpServer"/>,
/// it replaces the one local person: each request's validated subject is looked up in the directory, and nothing of the
/// process's own sign-in (<c>OURA_ACCESS_TOKEN</c>, the token store's account) is ever used.
/// </summary>
public static class PeopleComposition
{
    /// <param name="services">Where to register.</param>
    /// <param name="settings">The Oura API root and sandbox switch every person's client uses.</param>
    /// <param name="directory">Who the subjects of validated tokens are.</param>
    /// <param name="signInHint">How a person of this host signs in (its connect page).</param>
    /// <param name="ouraHandler">The handler that reaches Oura; null for the network (tests pass the fake's).</param>
    public static IServiceCollection AddSignedInPeople(
        this IServiceCollection services,
        ServerSettings settings,
        Func<IServiceProvider, IPersonDirectory> directory,
        ISignInHint signInHint,
        Func<IServiceProvider, HttpMessageHandler>? ouraHandler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(directory);
        services.AddSingleton<IPeople, SignedInPeople>();
        services.AddSingleton(signInHint);
        // No process-wide token provider: each request carries its person's (OuraClient.For).
        services.AddOuraClient(o =>
        {
            o.BaseAddress = settings.BaseUrl;
            o.UseSandbox = settings.Sandbox;
        }, ouraHandler);
        return services;
    }
}
