using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OuraMcp.Hosting.OAuth;

/// <summary>Where the authorization server keeps its state: one SQLite file (unless PostgreSQL) and its keys.</summary>
/// <param name="DataDirectory">The server's data directory (the token store's).</param>
public sealed record OAuthStorage(string DataDirectory)
{
    public string DatabasePath => Path.Combine(DataDirectory, "oauth.db");

    public string KeysDirectory => Path.Combine(DataDirectory, "oauth-keys");
}

/// <summary>
/// <c>--auth oauth</c>: this server is the OAuth 2.1 authorization server of its MCP clients (OpenIddict, EF Core stores
/// in SQLite): authorization code with PKCE S256 only, rotating refresh tokens, short-lived reference access tokens
/// bound to the MCP resource (RFC 8707) and checked against the store on every request, so revoked ones fail.
/// </summary>
public static class AuthorizationServer
{
    /// <summary>The one scope the tools need: read the person's Oura data.</summary>
    public const string ReadScope = "oura:read";

    /// <summary>App administration (the webhook subscriptions): only for the people the server names as administrators.</summary>
    public const string AdminScope = "oura:admin";

    public const string PolicyName = "oura-read";

    /// <summary>Whether the validated token carries <paramref name="scope"/>.</summary>
    public static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) => user.HasScope(scope);

    public const string AuthorizePath = "/oauth/authorize";
    public const string TokenPath = "/oauth/token";
    public const string RevokePath = "/oauth/revoke";
    public const string RegisterPath = "/oauth/register";

    public static IServiceCollection AddAuthorizationServer(this IServiceCollection services, HttpListenOptions listen)
    {
        var site = new OAuthSite(listen.PublicUrl ?? throw new InvalidOperationException("--auth oauth needs --public-url."));
        services.AddSingleton(site);
        services.AddScoped<PendingSignIns>();
        services.AddSingleton<ClientMetadataDocuments>();
        services.AddScoped<Account.PersonGrants>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new AddressRules(allowLoopback: false));
        var storage = new OAuthStorage(listen.DataDirectory ?? throw new InvalidOperationException("--auth oauth needs a data directory."));
        services.AddSingleton(storage);
        // The cookies of a sign-in in progress must survive a restart of the server between consent and callback.
        services.AddDataProtection().SetApplicationName("oura-mcp").PersistKeysToFileSystem(new DirectoryInfo(storage.KeysDirectory));

        // Pooled contexts: each token check would otherwise build a context's services afresh.
        services.AddDbContextPool<OAuthDatabase>(database =>
        {
            if (listen.OAuthPostgres is { } postgres) database.UseNpgsql(postgres);
            else
            {
                Directory.CreateDirectory(storage.DataDirectory);
                // Pooled connections: every token check reads this database, and opening SQLite afresh each time cost more than the check.
                database.UseSqlite($"Data Source={storage.DatabasePath}");
            }

            database.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OAuthDatabase>())
            .AddServer(server =>
            {
                server.SetIssuer(site.Issuer);
                server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetRevocationEndpointUris(RevokePath.TrimStart('/'))
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(ReadScope, AdminScope);
                server.RegisterResources(site.Resource);
                // Every client asks for this server's one resource; there is nothing to grant per client.
                server.IgnoreResourcePermissions();
                server.SetAccessTokenLifetime(listen.AccessTokenLifetime).SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(5));
                // Rotation without grace: a refresh token works once; presenting it again revokes what it led to.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // Reference tokens: the token is a handle into the store, so revoking it there ends it at once.
                server.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                // The payload behind an access token's handle is signed, not encrypted: no client ever sees it, only the
                // store holds it, and presented as a token it is refused. Decrypting it was a tenth of every check.
                // Payloads stored encrypted by earlier versions still validate: the encryption key stays.
                server.DisableAccessTokenEncryption();
                server.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                server.AddEncryptionKey(OAuthKeys.Encryption(storage)).AddSigningKey(OAuthKeys.Signing(storage));
                server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler =>
                    handler.UseInlineHandler(context =>
                    {
                        context.Metadata["registration_endpoint"] = site.Url(RegisterPath).AbsoluteUri;
                        context.Metadata["client_id_metadata_document_supported"] = true;
                        if (!context.TokenEndpointAuthenticationMethods.Contains(ClientAuthenticationMethods.None))
                            context.TokenEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.None);
                        return default;
                    }));
                var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough();
                if (site.Issuer.Scheme == Uri.UriSchemeHttp) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                // Only tokens issued for this MCP endpoint; another audience is another server's token.
                validation.AddAudiences(site.Resource);
                validation.EnableAuthorizationEntryValidation();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(ReadScope)));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BearerChallenge>();
        services.AddHostedService<OAuthDatabaseCreation>();
        services.AddHealthChecks().AddCheck<OAuthDatabaseReadiness>("oauth-database", tags: [HostedEndpoint.ReadinessTag]);
        return services;
    }
}
