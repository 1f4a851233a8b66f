using Microsoft.Extensions.Time.Testing;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Client;

/// <summary>An <see cref="OuraClient"/> over a scripted network, with a recognisable token on every request.</summary>
internal sealed class ClientHarness
{
    /// <summary>Appears in every request's Authorization header; must never appear in an exception message.</summary>
    public const string Token = "tok-SECRET-9f8e7d6c5b4a";

    public const string ClientId = "app-client-id-1234";

    public const string ClientSecret = "app-SECRET-5566778899";

    public ClientHarness(Action<OuraClientOptions>? configure = null, bool withBaseAddress = false)
    {
        Options = new OuraClientOptions { BaseAddress = new Uri("https://oura.test"), ClientId = ClientId, ClientSecret = ClientSecret };
        configure?.Invoke(Options);
        Http = new HttpClient(Handler) { BaseAddress = withBaseAddress ? new Uri("https://other.test/prefix/") : null };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Client = new OuraClient(Http, Microsoft.Extensions.Options.Options.Create(Options), Clock);
        Webhooks = new OuraWebhookClient(Http, Microsoft.Extensions.Options.Options.Create(Options), Clock);
    }

    public ScriptedHttpHandler Handler { get; } = new();

    public FakeTimeProvider Clock { get; } = new();

    public OuraClientOptions Options { get; }

    public HttpClient Http { get; }

    public OuraClient Client { get; }

    public OuraWebhookClient Webhooks { get; }

    public IReadOnlyList<RecordedHttpRequest> Requests => Handler.Requests.ToList();

    public RecordedHttpRequest Request => Handler.Requests.Should().ContainSingle().Subject;

    /// <summary>Calls <see cref="OuraClient.ListAsync{T}"/> for a collection known only by its base type.</summary>
    public async Task<(IReadOnlyList<object> Data, OuraResult<object> Result)> ListAny(OuraCollection collection, OuraListRequest request, CancellationToken cancellationToken = default)
    {
        var method = typeof(OuraClient).GetMethod(nameof(OuraClient.ListAsync))!.MakeGenericMethod(collection.ModelType);
        var task = (Task)method.Invoke(Client, [collection, request, cancellationToken])!;
        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task)!;
        var data = ((System.Collections.IEnumerable)result.GetType().GetProperty("Data")!.GetValue(result)!).Cast<object>().ToList();
        return (data, new OuraResult<object>
        {
            Data = data,
            IsComplete = (bool)result.GetType().GetProperty("IsComplete")!.GetValue(result)!,
            IncompleteReason = (string?)result.GetType().GetProperty("IncompleteReason")!.GetValue(result),
            PagesFetched = (int)result.GetType().GetProperty("PagesFetched")!.GetValue(result)!,
        });
    }

    /// <summary>One page's JSON.</summary>
    public static string Page(string? nextToken, params string[] items) =>
        $$"""{"data":[{{string.Join(",", items)}}],"next_token":{{(nextToken is null ? "null" : JsonSerializer.Serialize(nextToken))}}}""";

    /// <summary>A minimal document of a day collection, on <paramref name="day"/>.</summary>
    public static string DayDocument(OuraCollection collection, string id, string day) =>
        $$"""{"id":"{{id}}","{{collection.DayField}}":"{{day}}"}""";

    /// <summary>A minimal time-series row.</summary>
    public static string Row(DateTimeOffset timestamp) =>
        $$"""{"timestamp":"{{timestamp:yyyy-MM-dd'T'HH:mm:sszzz}}","bpm":60,"level":50,"source":"awake"}""";
}

/// <summary>Reads a request's query the way a server would.</summary>
internal static class QueryExtensions
{
    public static IReadOnlyDictionary<string, string> QueryParameters(this RecordedHttpRequest request) =>
        request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
}
