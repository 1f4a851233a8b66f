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
    /// <summary>What is wrong; the host adds how to fix it (<see cref="People.ISignInHint"/>).</summary>
    public const string Problem = "Not signed in to Oura.";

    /// <summary>What a person of a local server reads: the problem and the local way to sign in.</summary>
    public const string Message = Problem + " " + People.LocalSignInHint.SignInText;

    public Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken) =>
        throw new OuraNotSignedInException(Problem);

    public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken) =>
        throw new OuraNotSignedInException(Problem);

    public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken) =>
        throw new OuraNotSignedInException(Problem);
}
