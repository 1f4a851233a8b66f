using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OuraMcp.Hosting.OAuth;

/// <summary>What a client says of itself, by registration (RFC 7591) or in its metadata document: only public clients.</summary>
internal sealed record ClientMetadata(string? Name, IReadOnlyList<Uri> RedirectUris);

/// <summary>
/// Dynamic Client Registration (RFC 7591) on OpenIddict's application manager: public clients only (no secret; PKCE
/// required), the code and refresh grants, the one scope, and redirect URIs matched exactly later.
/// </summary>
internal static class ClientRegistration
{
    public static async Task<IResult> RegisterAsync(HttpContext context, IOpenIddictApplicationManager applications)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error("invalid_client_metadata", "The registration must be a JSON object (RFC 7591).");
        }

        if (body.ValueKind != JsonValueKind.Object) return Error("invalid_client_metadata", "The registration must be a JSON object (RFC 7591).");
        var metadata = Read(body, out var problem);
        if (metadata is null) return Error(problem!.Contains("redirect", StringComparison.Ordinal) ? "invalid_redirect_uri" : "invalid_client_metadata", problem);

        var clientId = PendingSignIns.Base64Url(RandomNumberGenerator.GetBytes(18));
        await applications.CreateAsync(Describe(clientId, metadata), context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new Dictionary<string, object?>
        {
            ["client_id"] = clientId,
            ["client_id_issued_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["client_name"] = metadata.Name,
            ["redirect_uris"] = metadata.RedirectUris.Select(u => u.OriginalString).ToArray(),
            ["grant_types"] = new[] { GrantTypes.AuthorizationCode, GrantTypes.RefreshToken },
            ["response_types"] = new[] { ResponseTypes.Code },
            ["token_endpoint_auth_method"] = ClientAuthenticationMethods.None,
            ["scope"] = AuthorizationServer.ReadScope,
        }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The metadata of a public client, or null with the reason in <paramref name="problem"/>.</summary>
    public static ClientMetadata? Read(JsonElement body, out string? problem)
    {
        problem = null;
        if (String(body, "token_endpoint_auth_method") is { } method && method != ClientAuthenticationMethods.None)
        {
            problem = "Only public clients are registered here: token_endpoint_auth_method must be \"none\" (PKCE protects the code).";
            return null;
        }

        if (Strings(body, "grant_types") is { } grants && grants.Any(g => g is not (GrantTypes.AuthorizationCode or GrantTypes.RefreshToken)))
        {
            problem = "Only the authorization_code and refresh_token grants are offered.";
            return null;
        }

        if (Strings(body, "response_types") is { } responses && responses.Any(r => r != ResponseTypes.Code))
        {
            problem = "Only the code response type is offered.";
            return null;
        }

        var redirects = new List<Uri>();
        foreach (var text in Strings(body, "redirect_uris") ?? [])
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || !IsAcceptableRedirect(uri))
            {
                problem = $"The redirect URI '{Shorten(text)}' is not accepted: use https, http on a loopback address, or an app's own scheme.";
                return null;
            }

            redirects.Add(uri);
        }

        if (redirects.Count == 0)
        {
            problem = "redirect_uris must list at least one redirect URI.";
            return null;
        }

        var name = String(body, "client_name")?.Trim();
        if (name is { Length: > 100 }) name = name[..100];
        return new ClientMetadata(string.IsNullOrEmpty(name) ? null : name, redirects);
    }

    public static OpenIddictApplicationDescriptor Describe(string clientId, ClientMetadata metadata)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = metadata.Name,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + AuthorizationServer.ReadScope,
                // Any client may ask for it; only the server's administrators are granted it (IAdminPeople).
                Permissions.Prefixes.Scope + AuthorizationServer.AdminScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in metadata.RedirectUris) descriptor.RedirectUris.Add(uri);
        return descriptor;
    }

    private static bool IsAcceptableRedirect(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps ||
        (uri.Scheme == Uri.UriSchemeHttp && RequestOriginPolicy.IsLoopbackName(uri.Host)) ||
        // RFC 8252 private-use schemes are reverse domain names: com.example.app:/callback.
        (uri.Scheme is not ("http" or "https" or "javascript" or "data" or "file") && uri.Scheme.Contains('.', StringComparison.Ordinal));

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[]? Strings(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "").ToArray()
            : null;

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static IResult Error(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);
}
