namespace OuraMcp.Hosting.OAuth;

/// <summary>The URLs of this server as clients see them, all built from <c>--public-url</c>.</summary>
public sealed class OAuthSite(Uri publicUrl)
{
    /// <summary>The issuer: the public URL itself (RFC 8414 metadata and RFC 9207 <c>iss</c> carry exactly this).</summary>
    public Uri Issuer { get; } = new(publicUrl.AbsoluteUri.TrimEnd('/') + "/");

    /// <summary>The protected resource (RFC 8707, RFC 9728): the canonical URL of the MCP endpoint.</summary>
    public string Resource => Issuer.AbsoluteUri.TrimEnd('/') + HttpListenOptions.Route;

    public const string ResourceMetadataPath = "/.well-known/oauth-protected-resource";

    /// <summary>Where RFC 9728 puts the metadata of a resource with a path.</summary>
    public Uri ResourceMetadataUrl => Url(ResourceMetadataPath + HttpListenOptions.Route);

    public Uri Url(string path) => new(Issuer.AbsoluteUri.TrimEnd('/') + path);
}
