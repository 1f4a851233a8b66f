namespace OuraMcp.Server.People;

/// <summary>
/// How a person signs in to this server, as the host that runs it knows: added to every tool error that a sign-in
/// would fix (see <see cref="Tools.ToolCallFilter"/>). A local server points at a command, a hosted one at its connect page.
/// </summary>
public interface ISignInHint
{
    /// <summary>Follows "not signed in": how to sign in at all.</summary>
    string SignIn { get; }

    /// <summary>Follows Oura refusing the token: how to sign in again.</summary>
    string SignInAgain { get; }
}

/// <summary>A server run on the person's own machine (stdio, <c>--auth none</c> or <c>api-key</c>): the terminal command.</summary>
public sealed class LocalSignInHint : ISignInHint
{
    public const string SignInText =
        "Run `OuraMcp.Server auth login` in a terminal to sign in (the next tool call then works), " +
        "or set OURA_ACCESS_TOKEN to an Oura access token and restart the server; or start it with --demo to try it on the demo person.";

    public const string SignInAgainText =
        "To sign in: run `OuraMcp.Server auth login`, or set OURA_ACCESS_TOKEN to a valid Oura access token, then restart the server.";

    public string SignIn => SignInText;

    public string SignInAgain => SignInAgainText;
}

/// <summary>A hosted server: the page where a person connects (or reconnects) their Oura account.</summary>
public sealed class ConnectPageHint(Uri connectPage) : ISignInHint
{
    public string SignIn => $"Open {connectPage.AbsoluteUri} to connect your Oura account, then retry.";

    public string SignInAgain => $"Open {connectPage.AbsoluteUri} to connect your Oura account again, then retry.";
}
