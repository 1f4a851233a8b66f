using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace OuraMcp.Hosting;

/// <summary>
/// <c>--auth api-key</c>: the caller of <c>/mcp</c> must send <c>Authorization: Bearer &lt;OURA_MCP_API_KEY&gt;</c>. One
/// key, one person (the one whose Oura sign-in the server uses), so a caller that has it is that person.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, HttpListenOptions listen)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The name of the one identity a valid key stands for (the rate limit's partition).</summary>
    public const string Caller = "api-key";

    private const string Realm = "oura-mcp";

    // Both sides hashed first: equal lengths for the fixed-time compare, so neither the key nor its length leaks.
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(listen.ApiKey ?? throw new InvalidOperationException("--auth api-key needs OURA_MCP_API_KEY.")));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the server's API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Caller)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750: a request without a token gets the bare challenge; a wrong token gets error="invalid_token".
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var challenge = result.Failure is null ? $"Bearer realm=\"{Realm}\"" : $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
        Response.Headers.Append(HeaderNames.WWWAuthenticate, challenge);
        await JsonRpcRefusal.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            result.Failure is null
                ? "Unauthorized: send the server's API key as 'Authorization: Bearer <OURA_MCP_API_KEY>'."
                : "Unauthorized: the bearer token is not this server's API key (OURA_MCP_API_KEY).").ConfigureAwait(false);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
