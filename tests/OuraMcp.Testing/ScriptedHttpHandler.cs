using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace OuraMcp.Testing;

/// <summary>
/// The network, replaced at the <see cref="HttpMessageHandler"/>: answers each request from a script and records
/// what was sent. Tests of the client and its pipeline use it where the fake Oura would be more than the test needs.
/// </summary>
public sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    /// <summary>Answers once the script is used up; null means a test failure ("unexpected request").</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    /// <summary>Every request received, with its headers as sent (the request object itself is reused by retries).</summary>
    public ConcurrentQueue<RecordedHttpRequest> Requests { get; } = new();

    public ScriptedHttpHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step) { _script.Enqueue(step); return this; }

    public ScriptedHttpHandler Then(Func<HttpRequestMessage, HttpResponseMessage> step) => Then((r, _) => Task.FromResult(step(r)));

    public ScriptedHttpHandler ThenStatus(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null) =>
        Then(_ => { var r = Json(status, json); configure?.Invoke(r); return r; });

    public ScriptedHttpHandler ThenJson(string json) => ThenStatus(HttpStatusCode.OK, json);

    public static HttpResponseMessage Json(HttpStatusCode status, string? json) =>
        new(status) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(new RecordedHttpRequest(request.Method, request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
        if (_script.TryDequeue(out var step)) return await step(request, cancellationToken);
        if (Fallback is not null) return Fallback(request);
        throw new InvalidOperationException($"Unexpected request: {request.Method} {request.RequestUri}");
    }
}

/// <summary>One request as the handler received it.</summary>
public sealed record RecordedHttpRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers);
