namespace OuraMcp.Server.Http;

/// <summary>
/// The MCP protocol revisions this server accepts in the <c>MCP-Protocol-Version</c> header. Our own list: the SDK's
/// is internal. Keep it in step with the SDK version the project pins: 2.3.1 still agrees to 2024-11-05 and 2025-03-26
/// in <c>initialize</c> (checked against the running server), so refusing them here would refuse a client the same
/// server has just accepted. 2026-07-28 has no <c>initialize</c>; it declares itself per request.
/// </summary>
public static class ProtocolVersions
{
    public const string HeaderName = "MCP-Protocol-Version";

    /// <summary>The first revision that carries its metadata per request (no initialize, no sessions).</summary>
    public const string PerRequestMetadata = "2026-07-28";

    public static IReadOnlyList<string> Supported { get; } = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", PerRequestMetadata];

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Revisions dated like this one or later map some JSON-RPC errors onto HTTP statuses (SEP-2575).</summary>
    public static bool UsesPerRequestMetadata(string? version) =>
        !string.IsNullOrEmpty(version) && string.CompareOrdinal(version, PerRequestMetadata) >= 0;
}
