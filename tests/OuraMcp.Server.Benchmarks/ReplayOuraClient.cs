using System.Collections.Concurrent;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// Answers each distinct request from memory after fetching it once through the real client: what remains of a
/// benchmarked tool call is the server's own work (MCP framing, argument checks, shaping, rendering, serialization).
/// </summary>
public sealed class ReplayOuraClient(IOuraClient upstream) : IOuraClient
{
    private readonly ConcurrentDictionary<string, object> _results = new(StringComparer.Ordinal);

    /// <summary>Calls that went to the upstream client; after warm-up, benchmark iterations must not add to it.</summary>
    public int UpstreamCalls => Volatile.Read(ref _upstreamCalls);

    private int _upstreamCalls;

    public async Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken)
    {
        var key = string.Join('|', collection.Name, request.StartDay, request.EndDay, request.Start?.UtcTicks, request.End?.UtcTicks,
            request.TimeZone.Id, request.Fields is null ? "" : string.Join(',', request.Fields), request.Latest, request.MaxPages);
        if (_results.TryGetValue(key, out var cached)) return (OuraResult<T>)cached;
        Interlocked.Increment(ref _upstreamCalls);
        var result = await upstream.ListAsync(collection, request with { Progress = null }, cancellationToken).ConfigureAwait(false);
        _results[key] = result;
        return result;
    }

    public async Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken)
    {
        var key = collection.Name + "#" + documentId;
        if (_results.TryGetValue(key, out var cached)) return (T)cached;
        Interlocked.Increment(ref _upstreamCalls);
        var document = await upstream.GetDocumentAsync(collection, documentId, cancellationToken).ConfigureAwait(false);
        _results[key] = document!;
        return document;
    }

    public async Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken)
    {
        if (_results.TryGetValue("personal_info", out var cached)) return (PersonalInfo)cached;
        Interlocked.Increment(ref _upstreamCalls);
        var info = await upstream.GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false);
        _results["personal_info"] = info;
        return info;
    }
}
