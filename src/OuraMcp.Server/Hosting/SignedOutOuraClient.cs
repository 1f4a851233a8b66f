using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Hosting;

/// <summary>
/// The backend when nobody is signed in: the server still starts and lists its tools, and every data tool answers
/// with what to do instead of failing to start.
/// </summary>
public sealed class SignedOutOuraClient : IOuraClient
{
    public const string Message =
        "Not signed in to Oura. Run `OuraMcp.Server auth login` in a terminal to sign in (the next tool call then works), " +
        "or set OURA_ACCESS_TOKEN to an Oura access token and restart the server; or start it with --demo to try it on the demo person.";

    public Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken) =>
        throw new OuraUnauthorizedException(Message);

    public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken) =>
        throw new OuraUnauthorizedException(Message);

    public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken) =>
        throw new OuraUnauthorizedException(Message);
}
