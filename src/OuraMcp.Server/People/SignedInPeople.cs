using System.Security.Claims;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Server.People;

/// <summary>
/// Many people in one process: the validated token's subject names the person, and <see cref="IPersonDirectory"/>
/// says who that is (their id, time zone and Oura tokens). Every person reads Oura through a view of the one shared
/// client (<see cref="OuraClient.For"/>): one pipeline and one application budget for all, their own tokens,
/// in-flight requests and per-person budget each.
/// </summary>
public sealed class SignedInPeople(IPersonDirectory directory, OuraClient oura, PersonHistory history) : IPeople
{
    /// <summary>The JWT/OpenID subject claim.</summary>
    public const string SubjectClaim = "sub";

    public async ValueTask<Person> ResolveAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        var subject = SubjectOf(user) ?? throw new OuraNotSignedInException("This request carries no validated sign-in.");
        var connected = await directory.FindAsync(subject, cancellationToken).ConfigureAwait(false)
                        ?? throw new OuraNotSignedInException("No Oura account is connected to this sign-in.");
        return PersonOf(connected);
    }

    /// <summary>The person a connected account is: their id, zone, and their own view of the shared Oura client.</summary>
    public Person PersonOf(ConnectedPerson connected) =>
        new() { Id = connected.Id, TimeZone = connected.TimeZone, Oura = history.Through(oura.For(new OuraUser(connected.Id, connected.OuraTokens)), connected.Id) };

    /// <summary>
    /// The subject of an authenticated principal: <c>sub</c> as issued, or the name identifier ASP.NET Core's JWT
    /// handler maps it to by default. An unauthenticated principal names nobody, whatever claims it carries.
    /// </summary>
    public static string? SubjectOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && (user.FindFirst(SubjectClaim) ?? user.FindFirst(ClaimTypes.NameIdentifier))?.Value is { Length: > 0 } subject
            ? subject
            : null;
}

/// <summary>Who the subjects of validated tokens are: the people who connected an Oura account to this server.</summary>
public interface IPersonDirectory
{
    /// <summary>The person <paramref name="subject"/> names, or null when no Oura account is connected to it.</summary>
    ValueTask<ConnectedPerson?> FindAsync(string subject, CancellationToken cancellationToken);
}

/// <summary>A person who connected their Oura account: what <see cref="SignedInPeople"/> needs to make a <see cref="Person"/>.</summary>
/// <param name="Id">Their stable id (keys their state; never a token).</param>
/// <param name="TimeZone">The zone they chose when connecting.</param>
/// <param name="OuraTokens">Where their Oura bearer token comes from (their stored, refreshed sign-in).</param>
public sealed record ConnectedPerson(string Id, TimeZoneInfo TimeZone, IOuraTokenProvider OuraTokens);
