using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OuraMcp.Server.Benchmarks.Hosted;

/// <summary>
/// A person connecting a client to a <c>--auth oauth</c> server: registration, consent, the fake Oura's sign-in (as
/// <c>login_hint</c> says), our callback and the code exchange, over real HTTP with cookies kept by hand (they are
/// <c>__Host-</c>, which a cookie container would not send over loopback http). The tests check each step; this only
/// gets the token.
/// </summary>
public sealed partial class OAuthDance(Uri publicUrl, HttpClient http)
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>An HTTP client that follows no redirect and keeps no cookie, shareable by many dances.</summary>
    public static HttpClient NewHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>The access token a client holds once <paramref name="ouraPerson"/> (a fake person's id; null: the fake's one) has connected.</summary>
    public async Task<string> ConnectAsync(string? ouraPerson = null)
    {
        using var registered = await http.PostAsync(Url("/oauth/register"), new StringContent(
            $$"""{"client_name":"bench","redirect_uris":["{{RedirectUri}}"],"token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"]}""",
            Encoding.UTF8, "application/json"));
        var clientId = (await JsonAsync(registered)).GetProperty("client_id").GetString()!;
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var resource = Url("/mcp").AbsoluteUri;
        var authorize = Url("/oauth/authorize?response_type=code&client_id=" + Uri.EscapeDataString(clientId) + "&redirect_uri=" + Uri.EscapeDataString(RedirectUri) +
                            "&state=bench&code_challenge=" + challenge + "&code_challenge_method=S256&scope=oura%3Aread&resource=" + Uri.EscapeDataString(resource));

        var page = await ReadAsync(await SendAsync(HttpMethod.Get, authorize));
        var consent = new Dictionary<string, string>
        {
            ["request"] = WebUtility.HtmlDecode(Field(page, "request")),
            ["csrf"] = WebUtility.HtmlDecode(Field(page, "csrf")),
            ["time_zone"] = "Europe/Helsinki",
            ["decision"] = "allow",
        };
        var toOura = Location(await SendAsync(HttpMethod.Post, Url("/oauth/consent"), new FormUrlEncodedContent(consent)));
        if (ouraPerson is not null) toOura = new Uri(toOura.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(ouraPerson));
        var callback = Location(await SendAsync(HttpMethod.Get, toOura));
        var resume = Location(await SendAsync(HttpMethod.Get, callback));
        var redirect = Location(await SendAsync(HttpMethod.Get, new Uri(publicUrl, resume.OriginalString)));
        var code = Regex.Match(redirect.Query, "[?&]code=([^&]+)").Groups[1].Value;

        using var token = await http.PostAsync(Url("/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
            ["resource"] = resource,
        }));
        return (await JsonAsync(token)).GetProperty("access_token").GetString()!;
    }

    private Uri Url(string path) => new(publicUrl.AbsoluteUri.TrimEnd('/') + path);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var ours = url.GetLeftPart(UriPartial.Authority) == publicUrl.GetLeftPart(UriPartial.Authority);
        if (ours && _cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        if (ours && method == HttpMethod.Post) request.Headers.Add("Origin", publicUrl.GetLeftPart(UriPartial.Authority));
        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (value.Length == 0 || header.Contains("1970", StringComparison.Ordinal)) _cookies.Remove(name);
            else _cookies[name] = value;
        }

        return response;
    }

    private static Uri Location(HttpResponseMessage response)
    {
        using (response)
        {
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
                ? location
                : throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response) return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string Field(string html, string name) =>
        Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No field {name}.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
