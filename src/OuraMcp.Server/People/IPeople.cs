using System.Security.Claims;

namespace OuraMcp.Server.People;

/// <summary>
/// Turns the validated identity of a request into the <see cref="Person"/> it reads data for. One implementation per
/// way of running: <see cref="LocalPerson"/> (stdio, <c>--auth none</c>, <c>--auth api-key</c>: exactly one local
/// person, whoever connects) or <see cref="SignedInPeople"/> (many people, each named by their validated token).
/// The transport only supplies the principal; this seam is the same for stdio, in-memory and HTTP.
/// </summary>
public interface IPeople
{
    /// <summary>The person <paramref name="user"/> names.</summary>
    /// <param name="user">The validated identity the transport attached to the request; null where there is none (stdio).</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <exception cref="Oura.Errors.OuraNotSignedInException">The identity names nobody whose Oura account is connected.</exception>
    ValueTask<Person> ResolveAsync(ClaimsPrincipal? user, CancellationToken cancellationToken);
}
