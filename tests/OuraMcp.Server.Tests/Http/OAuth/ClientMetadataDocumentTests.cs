using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// A client that registers by Client ID Metadata Document: its client_id is the https URL of a JSON document the test
/// serves on loopback (with a certificate of its own). The server is composed in the test, as the process composes it,
/// with the one relaxation a test needs: loopback allowed and that certificate trusted (<see cref="AddressRules"/>).
/// The whole dance then runs with that client_id, up to a tool call.
/// </summary>
public sealed class ClientMetadataDocumentTests(ClientMetadataDocumentTests.DocumentServer fixture) : IClassFixture<ClientMetadataDocumentTests.DocumentServer>
{
    [Fact]
    public async Task A_client_named_by_its_metadata_document_gets_the_consent_page_tokens_and_a_tool_call()
    {
        using var browser = new OAuthBrowser(fixture);
        var clientId = fixture.DocumentUrl.AbsoluteUri;
        var (verifier, challenge) = OAuthBrowser.Pkce();

        var (_, html, _) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "cimd-consent"));
        html.Should().Contain("Document Client", "the consent page names the client as its document does");
        var redirect = await browser.SignInAsync(browser.AuthorizeUrl(clientId, challenge, "cimd-state"));

        redirect.GetLeftPart(UriPartial.Path).Should().Be(OAuthBrowser.RedirectUri);
        var answer = QueryHelpers.ParseQuery(redirect.Query);
        answer["state"].ToString().Should().Be("cimd-state");
        var (status, tokens) = await browser.TokenAsync(browser.CodeExchange(clientId, answer["code"].ToString(), verifier));
        status.Should().Be(HttpStatusCode.OK, tokens.ToString());
        (await browser.EmailAsync(tokens.GetProperty("access_token").GetString()!)).Should().Be(await fixture.FakePersonEmailAsync());
        fixture.DocumentFetches.Should().BeGreaterThan(0).And.BeLessThan(3, "the document is fetched, then kept");
    }

    [Fact]
    public async Task A_metadata_document_whose_client_id_is_another_url_is_refused()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, challenge) = OAuthBrowser.Pkce();

        using var response = await browser.GetAsync(browser.AuthorizeUrl(fixture.MismatchedDocumentUrl.AbsoluteUri, challenge, "s"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("client_id must equal its URL");
    }

    /// <summary>The OAuth server composed in process on a real loopback port, and an https host serving metadata documents.</summary>
    public sealed class DocumentServer : OAuthServerFixture
    {
        /// <summary>The redirect URL tests/tools/mcp-oauth-dance.mjs gives the TypeScript client.</summary>
        public const string DanceRedirectUri = "http://127.0.0.1:9/oauth-dance/callback";

        /// <summary>The name the TypeScript client's document gives it, unlike the name it would register with.</summary>
        public const string DanceClientName = "Oura dance by metadata document";

        private WebApplication? _app;
        private WebApplication? _documents;
        private int _fetches;
        private int _danceFetches;

        public Uri DocumentUrl { get; private set; } = null!;

        public Uri MismatchedDocumentUrl { get; private set; } = null!;

        /// <summary>The metadata document of the TypeScript client in tests/tools/mcp-oauth-dance.mjs.</summary>
        public Uri DanceDocumentUrl { get; private set; } = null!;

        public int DocumentFetches => Volatile.Read(ref _fetches);

        public int DanceDocumentFetches => Volatile.Read(ref _danceFetches);

        /// <summary>The client_id of every client the server knows, registered or named by a document.</summary>
        public async Task<IReadOnlyList<string>> ClientIdsAsync()
        {
            await using var scope = _app!.Services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var ids = new List<string>();
            await foreach (var application in applications.ListAsync())
                ids.Add((await applications.GetClientIdAsync(application))!);
            return ids;
        }

        /// <summary>How many tokens (access and refresh) the server issued to the client <paramref name="clientId"/>.</summary>
        public async Task<int> TokensIssuedToAsync(string clientId)
        {
            await using var scope = _app!.Services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            var application = await applications.FindByClientIdAsync(clientId);
            if (application is null) return 0;
            var count = 0;
            await foreach (var _ in tokens.FindByApplicationIdAsync((await applications.GetIdAsync(application))!)) count++;
            return count;
        }

        protected override async Task StartAsync()
        {
            using var certificate = SelfSigned();
            var documentPort = FreePort();
            var origin = $"https://127.0.0.1:{documentPort}";
            DocumentUrl = new Uri(origin + "/clients/document-client.json");
            MismatchedDocumentUrl = new Uri(origin + "/clients/mismatched.json");
            DanceDocumentUrl = new Uri(origin + "/clients/typescript-dance.json");
            _documents = await StartDocumentHostAsync(certificate, documentPort);

            var environment = ServerEnvironment();
            string? Read(string name) => environment.GetValueOrDefault(name);
            var command = CommandLine.Parse(["--http", "--auth", "oauth", "--public-url", PublicUrl.AbsoluteUri,
                "--port", PublicUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Read);
            var listen = HttpCommandLine.Parse(command.Http!, Read);
            var trusted = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
            _app = HttpServer.Build(command.Settings, listen, services => services.AddSingleton(new AddressRules(allowLoopback: true, trustedRoot: trusted)));
            await _app.StartAsync();
        }

        public override async Task DisposeAsync()
        {
            if (_app is not null) await _app.DisposeAsync();
            if (_documents is not null) await _documents.DisposeAsync();
            await base.DisposeAsync();
        }

        private async Task<WebApplication> StartDocumentHostAsync(X509Certificate2 certificate, int port)
        {
            var pfx = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(pfx)));
            builder.Services.AddRoutingCore();
            var app = builder.Build();
            app.UseRouting();
            app.MapGet("/clients/document-client.json", () =>
            {
                Interlocked.Increment(ref _fetches);
                return Results.Json(Document(DocumentUrl, "Document Client", OAuthBrowser.RedirectUri));
            });
            app.MapGet("/clients/mismatched.json", () => Results.Json(Document(DocumentUrl, "Document Client", OAuthBrowser.RedirectUri)));
            app.MapGet("/clients/typescript-dance.json", () =>
            {
                Interlocked.Increment(ref _danceFetches);
                return Results.Json(Document(DanceDocumentUrl, DanceClientName, DanceRedirectUri));
            });
            await app.StartAsync();
            return app;
        }

        private static Dictionary<string, object> Document(Uri clientId, string name, string redirectUri) => new()
        {
            ["client_id"] = clientId.AbsoluteUri,
            ["client_name"] = name,
            ["redirect_uris"] = new[] { redirectUri },
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["response_types"] = new[] { "code" },
        };

        private static X509Certificate2 SelfSigned()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        }
    }
}
