using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Client;

/// <summary>The one way both clients send a request and read Oura's answer, so every failure maps the same way.</summary>
internal sealed class OuraHttp(HttpClient http, OuraClientOptions options, TimeProvider time)
{
    public OuraClientOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// An absolute URI under the HttpClient's base address, or the configured one when the HttpClient has none.
    /// Joined as text so a base address with a path (a fake Oura behind a prefix) keeps it.
    /// </summary>
    public Uri BuildUri(string path, IReadOnlyCollection<string> query)
    {
        var root = (http.BaseAddress ?? Options.BaseAddress).AbsoluteUri.TrimEnd('/');
        return new Uri(query.Count == 0 ? root + path : $"{root}{path}?{string.Join('&', query)}", UriKind.Absolute);
    }

    /// <summary>Sends the request; returns the response on success, throws a mapped <see cref="OuraApiException"/> otherwise.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, OuraErrorContext context, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the caller giving up.
            throw new OuraUnavailableException($"Oura did not answer the {context.Subject} request in time. Try again in a minute.", null, e);
        }
        catch (HttpRequestException e)
        {
            throw new OuraUnavailableException($"Oura could not be reached for {context.Subject} ({e.HttpRequestError}). Try again in a minute.", null, e);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await OuraErrors.FromResponseAsync(response, request, context, Secrets(), Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends and reads a JSON body; an answer that is not the JSON expected is Oura being unavailable, not a JsonException.</summary>
    public async Task<T> GetJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, OuraErrorContext context, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, context, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, typeInfo, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends and reads a list page; a document on it that cannot be read is left out and named rather than failing the page
    /// (retrying would bring the same document back).
    /// </summary>
    public async Task<PageRead<T>> GetPageAsync<T>(
        HttpRequestMessage request, JsonTypeInfo<OuraPage<T>> pageType, JsonTypeInfo<T> documentType, OuraErrorContext context, string? placeField, int pageNumber,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, context, cancellationToken).ConfigureAwait(false);
        CheckJson(response, context);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return PageReader.Read(body, pageType, documentType, context.Subject, placeField, pageNumber);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or IOException or HttpRequestException)
        {
            throw OuraErrors.Unreadable(context, response.StatusCode, e);
        }
    }

    private static void CheckJson(HttpResponseMessage response, OuraErrorContext context)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (response.StatusCode == HttpStatusCode.NoContent
            || (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            throw OuraErrors.Unreadable(context, response.StatusCode);
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, OuraErrorContext context, CancellationToken cancellationToken)
    {
        CheckJson(response, context);
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException)
        {
            throw OuraErrors.Unreadable(context, response.StatusCode, e);
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw OuraErrors.Unreadable(context, response.StatusCode);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Whole JSON in a shape Oura does not document comes back the same when asked again: say which member, not "try again".
            throw PageReader.DescribeMisshapen(body, e as JsonException, context.Subject) is { } misshapen
                ? OuraErrors.Misshapen(context, misshapen, response.StatusCode, e)
                : OuraErrors.Unreadable(context, response.StatusCode, e);
        }
    }

    private IReadOnlyCollection<string> Secrets() =>
        new[] { Options.ClientSecret, Options.ClientId }.OfType<string>().ToList();
}
