using ModelContextProtocol;
using OuraMcp.Accounts.OAuth;
using OuraMcp.Accounts.Storage;
using OuraMcp.Oura.Errors;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Resources;

/// <summary>
/// Foreseeable failures of a read as the protocol error a resource read answers with: the sentence the tools give
/// (<see cref="Tools.ToolCallFilter"/>), with how to sign in where a sign-in would fix it. Never a token.
/// </summary>
public static class OuraFailures
{
    /// <summary>The error to answer with, or null for a failure nobody foresaw (the SDK then answers a bare internal error).</summary>
    public static McpException? ToMcp(Exception error, ISignInHint hint) => error switch
    {
        OuraNotSignedInException => new McpException(error.Message + " " + hint.SignIn, error),
        OuraSignInRequiredException refused => new McpException(refused.Problem + " " + hint.SignInAgain, error),
        OuraUnauthorizedException => new McpException(error.Message + " " + hint.SignInAgain, error),
        OuraApiException or TokenStoreException => new McpException(error.Message, error),
        _ => null,
    };
}
