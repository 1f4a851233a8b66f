using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Http;

/// <summary>
/// Signing a person in to Oura for the hosted endpoint: Oura's authorize page, the code exchanged with the app's
/// credentials (both token endpoints, with the fallback), the person named by <c>personal_info</c>'s id, and their
/// tokens kept in the token store under an account derived from that id. The tokens never leave this class but into
/// the store.
/// </summary>
internal sealed class OuraUpstreamSignIn(OAuthClient oauth, ITokenStore store, HttpClient http, Uri apiRoot) : IUpstreamSignIn
{
    public string Name => "Oura";

    public IReadOnlyList<string> Scopes => OuraCatalog.Scopes;

    public Uri AuthorizeEndpoint => oauth.Options.AuthorizeEndpoint;

    public UpstreamStart Begin(string state, Uri callback)
    {
        var pkce = PkcePair.Create();
        return new UpstreamStart(oauth.BuildAuthorizeUrl(state, pkce, Scopes, callback), pkce.Verifier);
    }

    public async Task<string> CompleteAsync(string code, string verifier, Uri callback, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("oura.sign_in");
        var outcome = "failed";
        try
        {
            var account = await ExchangeAndKeepAsync(code, verifier, callback, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            return account;
        }
        finally
        {
            if (outcome != "ok") activity?.SetStatus(ActivityStatusCode.Error);
            ServerTelemetry.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<string> ExchangeAndKeepAsync(string code, string verifier, Uri callback, CancellationToken cancellationToken)
    {
        try
        {
            var tokens = await oauth.ExchangeCodeAsync(code, new PkcePair(verifier, PkcePair.ChallengeFor(verifier)), callback, Scopes, cancellationToken).ConfigureAwait(false);
            var ouraId = await OuraUserIdAsync(tokens.AccessToken, cancellationToken).ConfigureAwait(false);
            var account = AccountOf(ouraId);
            await store.SaveAsync(account, tokens, cancellationToken).ConfigureAwait(false);
            return account;
        }
        catch (OuraAuthException e)
        {
            throw new UpstreamSignInException(e.Message, e);
        }
        catch (TokenStoreException e)
        {
            throw new UpstreamSignInException("The server could not keep your Oura sign-in (its token store failed). Try again later.", e);
        }
    }

    /// <summary>
    /// The person's id on this server: derived from their Oura user id, so that signing in again (from any client)
    /// finds the same person, and hashed, so that the id says nothing of the Oura account.
    /// </summary>
    public static string AccountOf(string ouraUserId) =>
        "oura-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ouraUserId)))[..32];

    private async Task<string> OuraUserIdAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiRoot.AbsoluteUri.TrimEnd('/') + "/v2/usercollection/personal_info"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new UpstreamSignInException($"Oura did not say who signed in (personal_info answered HTTP {(int)response.StatusCode}). Allow the 'personal' scope and try again.");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return body.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } value
                ? value
                : throw new UpstreamSignInException("Oura's personal_info answer carries no user id; the sign-in cannot be kept. Try again later.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException)
        {
            throw new UpstreamSignInException($"Could not reach Oura to learn who signed in ({e.GetType().Name}). Try again.", e);
        }
    }
}
