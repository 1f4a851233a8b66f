using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OuraMcp.Hosting.OAuth;

/// <summary>
/// Client ID Metadata Documents: a <c>client_id</c> that is an https URL names a JSON document there, fetched (https
/// only, public addresses only, 64 KB and 5 s at most, kept an hour) and registered as a public client with the
/// document's redirect URIs, so that OpenIddict then checks the request as for any client.
/// </summary>
internal sealed class ClientMetadataDocuments
{
    private const int MaxBytes = 64 * 1024;
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _fetched = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public ClientMetadataDocuments(AddressRules addresses, TimeProvider time)
    {
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = addresses.TrustedRoot is { } root
                ? new SslClientAuthenticationOptions
                {
                    CertificateChainPolicy = new X509ChainPolicy
                    {
                        TrustMode = X509ChainTrustMode.CustomRootTrust,
                        CustomTrustStore = { root },
                        RevocationMode = X509RevocationMode.NoCheck,
                    },
                }
                : new SslClientAuthenticationOptions(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                // The address is checked after resolution, at connect time: a name cannot point somewhere else later.
                var candidates = IPAddress.TryParse(context.DnsEndPoint.Host.Trim('[', ']'), out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                var allowed = candidates.FirstOrDefault(addresses.IsAllowed) ?? throw new PrivateAddressException();
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { Timeout = TimeSpan.FromSeconds(5), MaxResponseContentBufferSize = MaxBytes };
    }

    /// <summary>Whether <paramref name="clientId"/> is a metadata document URL rather than a registered id.</summary>
    public static bool IsDocumentUrl(string? clientId) =>
        clientId is not null && clientId.StartsWith("https://", StringComparison.Ordinal) && Uri.TryCreate(clientId, UriKind.Absolute, out _);

    /// <summary>
    /// Registers (or refreshes) the client the document at <paramref name="clientId"/> describes. Returns null when it
    /// is usable, else a sentence saying why not.
    /// </summary>
    public async Task<string?> EnsureRegisteredAsync(string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (_fetched.TryGetValue(clientId, out var at) && at + CacheFor > _time.GetUtcNow()) return null;
        var url = new Uri(clientId);
        if (url.Scheme != Uri.UriSchemeHttps || url.UserInfo.Length > 0 || url.Fragment.Length > 0 || url.AbsolutePath == "/")
            return "A client_id URL must be an https URL with a path and no fragment.";

        JsonElement document;
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return $"The client metadata document answered HTTP {(int)response.StatusCode}.";
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            document = JsonDocument.Parse(bytes).RootElement.Clone();
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException || e is PrivateAddressException)
        {
            return "The client metadata document's host is a private, loopback or link-local address; only public https hosts are fetched.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return $"The client metadata document could not be fetched from a public https address ({e.GetType().Name}).";
        }

        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("client_id", out var id) || id.GetString() != clientId)
            return "The client metadata document's client_id must equal its URL.";
        var metadata = ClientRegistration.Read(document, out var problem);
        if (metadata is null) return problem;

        var descriptor = ClientRegistration.Describe(clientId, metadata);
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (existing is null) await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        else await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
        _fetched[clientId] = _time.GetUtcNow();
        return null;
    }
}

/// <summary>The metadata document's host resolved to no address the server may fetch from.</summary>
internal sealed class PrivateAddressException() : HttpRequestException("The host resolves to no public address.");

/// <summary>
/// Which addresses the server may fetch client metadata documents from: public ones. Tests may allow loopback, and
/// trust their loopback host's own certificate (<paramref name="trustedRoot"/>) instead of the system's authorities.
/// </summary>
internal sealed class AddressRules(bool allowLoopback, X509Certificate2? trustedRoot = null)
{
    public X509Certificate2? TrustedRoot => trustedRoot;

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any));
        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or 127 || b[0] >= 224 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] is >= 16 and <= 31) ||
                 (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }
}
