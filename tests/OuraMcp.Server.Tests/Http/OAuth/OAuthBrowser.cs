using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// An MCP client and the person's browser, over real HTTP and one redirect at a time: registers (RFC 7591), sends the
/// browser through our consent page, Oura's authorize page and our callback, and trades the code (PKCE S256) for tokens.
/// Cookies are kept by hand: the server's are <c>__Host-</c> (Secure), which a cookie container would not send over
/// the loopback http of the test, as a browser does for localhost.
/// </summary>
public sealed partial class OAuthBrowser(OAuthServerFixture fixture) : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public HttpClient Http => _http;

    /// <summary>
    /// Where a load balancer in front of the public URL sends the next requests: another server instance on the same
    /// public URL; null sends them to the public URL itself. Cookies still belong to the public URL, as in a browser.
    /// </summary>
    public Uri? Instance { get; set; }

    /// <summary>The cookies the browser holds now, to replay later as an attacker who copied them would.</summary>
    public Dictionary<string, string> CookieSnapshot() => new(_cookies, StringComparer.Ordinal);

    public void RestoreCookies(Dictionary<string, string> snapshot)
    {
        _cookies.Clear();
        foreach (var (name, value) in snapshot) _cookies[name] = value;
    }

    public string Resource => fixture.McpUrl.AbsoluteUri;

    public async Task<string> RegisterAsync(string name = "Test client")
    {
        using var response = await _http.PostAsync(Route(fixture.Url("/oauth/register")), Json(new
        {
            client_name = name,
            redirect_uris = new[] { RedirectUri },
            token_endpoint_auth_method = "none",
            grant_types = new[] { "authorization_code", "refresh_token" },
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("client_id").GetString()!;
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public Uri AuthorizeUrl(string clientId, string challenge, string state, string? scope = "oura:read", string? resource = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["resource"] = resource ?? Resource,
        };
        if (scope is not null) query["scope"] = scope;
        return new Uri(QueryHelpers.AddQueryString(fixture.Url("/oauth/authorize").AbsoluteUri, query));
    }

    /// <summary>A browser's GET: the fixture's cookies go to the server only, never to the fake Oura.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(url));
        AddCookies(request, url);
        var response = await _http.SendAsync(request);
        KeepCookies(response);
        return response;
    }

    public async Task<HttpResponseMessage> PostFormAsync(Uri url, IDictionary<string, string> form, bool asBrowser = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route(url)) { Content = new FormUrlEncodedContent(form) };
        if (asBrowser)
        {
            AddCookies(request, url);
            request.Headers.Add("Origin", fixture.PublicUrl.GetLeftPart(UriPartial.Authority));
        }

        var response = await _http.SendAsync(request);
        KeepCookies(response);
        return response;
    }

    /// <summary>The consent page of an authorize request, and the form it posts.</summary>
    public async Task<(HttpResponseMessage Page, string Html, Dictionary<string, string> Form)> ConsentPageAsync(Uri authorize)
    {
        var page = await GetAsync(authorize);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain($"action=\"{fixture.Url("/oauth/consent").AbsoluteUri}\"", "the form posts to the public URL, whatever path it has");
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["request"] = WebUtility.HtmlDecode(HiddenField(html, "request")),
            ["csrf"] = WebUtility.HtmlDecode(HiddenField(html, "csrf")),
            ["time_zone"] = "Europe/Helsinki",
            ["decision"] = "allow",
        };
        return (page, html, form);
    }

    /// <summary>
    /// The whole browser side: consent, Oura, callback; returns the code the client's redirect URI receives.
    /// <paramref name="ouraPerson"/>: which fake person signs in at Oura's page (its login_hint), else the fake's one.
    /// </summary>
    public async Task<Uri> SignInAsync(Uri authorize, string? ouraPerson = null)
    {
        var (_, _, form) = await ConsentPageAsync(authorize);
        using var toOura = await PostFormAsync(fixture.Url("/oauth/consent"), form);
        toOura.StatusCode.Should().Be(HttpStatusCode.Redirect, await toOura.Content.ReadAsStringAsync());
        toOura.Headers.Location!.GetLeftPart(UriPartial.Authority).Should().Be(fixture.Oura.BaseAddress.GetLeftPart(UriPartial.Authority));

        var ouraPage = ouraPerson is null ? toOura.Headers.Location! : new Uri(toOura.Headers.Location!.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(ouraPerson));
        using var ouraAnswer = await GetAsync(ouraPage);
        ouraAnswer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var callback = ouraAnswer.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).Should().Be(fixture.Url("/oauth/oura/callback").AbsoluteUri);

        using var resumed = await GetAsync(callback);
        resumed.StatusCode.Should().Be(HttpStatusCode.Redirect, await resumed.Content.ReadAsStringAsync());
        new Uri(fixture.PublicUrl, resumed.Headers.Location!.OriginalString).AbsoluteUri.Should().StartWith(fixture.Url("/oauth/authorize").AbsoluteUri + "?");
        using var final = await GetAsync(new Uri(fixture.PublicUrl, resumed.Headers.Location!.OriginalString));
        final.StatusCode.Should().Be(HttpStatusCode.Redirect, await final.Content.ReadAsStringAsync());
        return final.Headers.Location!;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var response = await PostFormAsync(fixture.Url("/oauth/token"), form, asBrowser: false);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Registers, signs in and trades the code: the tokens a client holds after the dance.</summary>
    public async Task<(string ClientId, string AccessToken, string RefreshToken)> ConnectAsync(string? scope = "oura:read", string? ouraPerson = null)
    {
        var clientId = await RegisterAsync();
        var (verifier, challenge) = Pkce();
        var redirect = await SignInAsync(AuthorizeUrl(clientId, challenge, "s-" + Guid.NewGuid().ToString("N"), scope), ouraPerson);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        var (status, body) = await TokenAsync(CodeExchange(clientId, code, verifier));
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return (clientId, body.GetProperty("access_token").GetString()!, body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString()! : "");
    }

    public Dictionary<string, string> CodeExchange(string clientId, string code, string verifier) => new(StringComparer.Ordinal)
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["client_id"] = clientId,
        ["code_verifier"] = verifier,
        ["resource"] = Resource,
    };

    /// <summary>A JSON-RPC request to /mcp with this bearer token.</summary>
    public async Task<HttpResponseMessage> McpAsync(string? accessToken, string body)
    {
        using var request = McpHttp.Post(Route(fixture.McpUrl), body);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await _http.SendAsync(request);
    }

    /// <summary>A tool call with this bearer token; the result, which must not be an error.</summary>
    public async Task<JsonElement> CallToolAsync(string accessToken, string tool, string arguments = "{}")
    {
        using var call = await McpAsync(accessToken, $$$"""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{arguments}}}}}""");
        call.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await McpHttp.MessageAsync(call)).GetProperty("result");
        (result.TryGetProperty("isError", out var isError) && isError.GetBoolean()).Should().BeFalse(result.ToString());
        return result.Clone();
    }

    /// <summary>The email get_personal_info answers with this token: whose Oura data the token reads.</summary>
    public async Task<string> EmailAsync(string accessToken) =>
        (await CallToolAsync(accessToken, "get_personal_info")).GetProperty("structuredContent").GetProperty("email").GetString()!;

    public void Dispose() => _http.Dispose();

    /// <summary>The URL the request really goes to: <see cref="Instance"/> in place of the public URL's authority.</summary>
    private Uri Route(Uri url) =>
        Instance is { } instance && IsPublic(url) ? new UriBuilder(url) { Scheme = instance.Scheme, Host = instance.Host, Port = instance.Port }.Uri : url;

    private bool IsPublic(Uri url) => url.GetLeftPart(UriPartial.Authority) == fixture.PublicUrl.GetLeftPart(UriPartial.Authority);

    private void AddCookies(HttpRequestMessage request, Uri url)
    {
        if (!IsPublic(url) || _cookies.Count == 0) return;
        request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
    }

    private void KeepCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var header in values)
        {
            header.Should().Contain("secure").And.Contain("httponly").And.Contain("path=/");
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=')];
            name.Should().StartWith("__Host-");
            var value = pair[(pair.IndexOf('=') + 1)..];
            if (value.Length == 0 || header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase) || header.Contains("1970", StringComparison.Ordinal)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
    }

    private static string HiddenField(string html, string name) =>
        Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No field {name} in:\n{html}");

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
