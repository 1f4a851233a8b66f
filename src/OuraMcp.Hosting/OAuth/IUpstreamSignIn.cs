namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// The account provider people sign in with before this server issues a code to their MCP client (Oura, for this
/// server). The endpoint knows only this: where to send the browser, and who came back. The provider's tokens stay on
/// the provider's side of this seam; nothing here ever sees them.
/// </summary>
public interface IUpstreamSignIn
{
    /// <summary>The provider's name, as the consent page shows it.</summary>
    string Name { get; }

    /// <summary>The scopes asked of the provider, as the consent page lists them.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>The provider's authorize page (the consent form may lead there).</summary>
    Uri AuthorizeEndpoint { get; }

    /// <summary>Where to send the browser; the verifier it returns is kept server-side until the callback.</summary>
    /// <param name="state">Single-use, names this sign-in.</param>
    /// <param name="callback">This server's callback, exactly as registered with the provider.</param>
    UpstreamStart Begin(string state, Uri callback);

    /// <summary>Trades the provider's code for its tokens, keeps them, and says who signed in.</summary>
    /// <returns>The person's stable id on this server (derived from the provider's account id).</returns>
    /// <exception cref="UpstreamSignInException">The provider refused or failed; the message says what to do.</exception>
    Task<string> CompleteAsync(string code, string verifier, Uri callback, CancellationToken cancellationToken);
}

/// <summary>The provider's authorize URL and the PKCE verifier that must come back with its code.</summary>
public sealed record UpstreamStart(Uri AuthorizeUrl, string Verifier)
{
    public override string ToString() => $"UpstreamStart {{ AuthorizeUrl = {AuthorizeUrl.GetLeftPart(UriPartial.Path)}, Verifier = [redacted] }}";
}

/// <summary>The provider did not complete a sign-in; the message is safe to show the person (it carries no secret).</summary>
public sealed class UpstreamSignInException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Told when a person finished connecting their account (through an MCP client's sign-in or the account page), after
/// they are recorded; e.g. to start filling their history in the background. Must return at once.
/// </summary>
public interface IPersonConnected
{
    ValueTask ConnectedAsync(string personId, CancellationToken cancellationToken);
}
