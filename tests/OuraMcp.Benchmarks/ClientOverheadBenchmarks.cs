using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.Oura;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;

namespace OuraMcp.Benchmarks;

/// <summary>
/// What the client costs on top of the HTTP call it makes: <see cref="IOuraClient.ListAsync{T}"/> against a raw
/// <see cref="HttpClient"/> GET of the very same URL, both to the fake Oura on loopback (Kestrel). The baseline of each
/// pair reads the body and parses it with the same source-generated metadata the client uses, because the client does
/// both; a GET that only reads the bytes is shown for context, and so is the same GET + parse through the client's
/// named HttpClient alone (its handler pipeline without the client on top), which splits the overhead in two.
/// </summary>
public class ClientOverheadBenchmarks
{
    /// <summary>30 days of daily_sleep: a day collection Oura filters on the local day, so the client does not widen it.</summary>
    public const string DailySleepCategory = "daily_sleep-30d";

    /// <summary>One local day of heartrate: 288 five-minute rows, start_datetime/end_datetime with the user's offset.</summary>
    public const string HeartRateCategory = "heartrate-1d";

    private static readonly DateOnly LastDay = new(2026, 3, 20);
    private static readonly DateOnly FirstDay = LastDay.AddDays(-29);

    private readonly byte[] _buffer = new byte[64 * 1024];
    private FakeOuraServer _fake = null!;
    private ServiceProvider _services = null!;
    private IOuraClient _client = null!;
    private HttpClient _raw = null!;
    private HttpClient _pipeline = null!;
    private Uri _dailySleepUri = null!;
    private Uri _heartRateUri = null!;
    private OuraListRequest _dailySleepRequest = null!;
    private OuraListRequest _heartRateRequest = null!;

    // Synchronous on purpose: the in-process toolchain of BenchmarkDotNet 0.14.0 does not await a Task-returning
    // [GlobalSetup], so measuring would start while the setup (and its checks) still ran, and a failed check would go unseen.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var person = FakeDefaults.CreateDemoPerson(LastDay);
        // Pages large enough that each call is one page: the comparison is one request against one request.
        var fakeOptions = new FakeOuraOptions { DocumentPageSize = 1_000, TimeSeriesPageSize = 10_000 };
        fakeOptions.Accounts.Add(new FakeAccount(FakeDefaults.DemoToken, person));
        _fake = await FakeOuraServer.StartAsync(fakeOptions, port: 0);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IOuraTokenProvider>(new StaticTokenProvider(FakeDefaults.DemoToken));
        services.AddOuraClient(o =>
        {
            o.BaseAddress = _fake.BaseAddress;
            // The client-side budget mirrors Oura's 5000 requests per 5 minutes; this benchmark sends far more than that
            // on purpose, so at the defaults the budget would make it wait and the figures would measure the throttle.
            o.PerTokenRequestLimit = 1_000_000_000;
            o.PerApplicationRequestLimit = 1_000_000_000;
        });
        // No primary handler given: the client gets the SocketsHttpHandler it uses in production.
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IOuraClient>();
        _pipeline = _services.GetRequiredService<IHttpClientFactory>().CreateClient(OuraServiceCollectionExtensions.HttpClientName);

        // The baseline's handler is configured like the client's production one, so only the client's own work differs.
        _raw = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        });

        _dailySleepRequest = OuraListRequest.ForDays(FirstDay, LastDay, person.TimeZone);
        _dailySleepUri = Url(OuraCatalog.DailySleep,
            ("start_date", FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("end_date", LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        _heartRateRequest = OuraListRequest.ForDays(LastDay, LastDay, person.TimeZone);
        _heartRateUri = Url(OuraCatalog.HeartRate,
            ("start_datetime", LocalMidnight(LastDay, person.TimeZone)),
            ("end_datetime", LocalMidnight(LastDay.AddDays(1), person.TimeZone)));

        await VerifySameRequestAsync(OuraCatalog.DailySleep, _dailySleepUri, _dailySleepRequest, DailySleepCategory);
        await VerifySameRequestAsync(OuraCatalog.HeartRate, _heartRateUri, _heartRateRequest, HeartRateCategory);
    }

    private async Task CleanupAsync()
    {
        _raw.Dispose();
        _pipeline.Dispose();
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Benchmark(Description = "daily_sleep 30 d: raw GET, bytes only")]
    [BenchmarkCategory(DailySleepCategory)]
    public Task<long> DailySleepRawBytes() => RawBytesAsync(_dailySleepUri);

    [Benchmark(Baseline = true, Description = "daily_sleep 30 d: raw GET + parse")]
    [BenchmarkCategory(DailySleepCategory)]
    public Task<int> DailySleepRawParse() => ParseAsync(_raw, _dailySleepUri, OuraCatalog.DailySleep.PageTypeInfo, withToken: true);

    [Benchmark(Description = "daily_sleep 30 d: pipeline only GET + parse")]
    [BenchmarkCategory(DailySleepCategory)]
    public Task<int> DailySleepPipeline() => ParseAsync(_pipeline, _dailySleepUri, OuraCatalog.DailySleep.PageTypeInfo, withToken: false);

    [Benchmark(Description = "daily_sleep 30 d: IOuraClient.ListAsync")]
    [BenchmarkCategory(DailySleepCategory)]
    public async Task<int> DailySleepClient() =>
        (await _client.ListAsync(OuraCatalog.DailySleep, _dailySleepRequest, CancellationToken.None)).Data.Count;

    [Benchmark(Description = "heartrate 1 d: raw GET, bytes only")]
    [BenchmarkCategory(HeartRateCategory)]
    public Task<long> HeartRateRawBytes() => RawBytesAsync(_heartRateUri);

    [Benchmark(Baseline = true, Description = "heartrate 1 d: raw GET + parse")]
    [BenchmarkCategory(HeartRateCategory)]
    public Task<int> HeartRateRawParse() => ParseAsync(_raw, _heartRateUri, OuraCatalog.HeartRate.PageTypeInfo, withToken: true);

    [Benchmark(Description = "heartrate 1 d: pipeline only GET + parse")]
    [BenchmarkCategory(HeartRateCategory)]
    public Task<int> HeartRatePipeline() => ParseAsync(_pipeline, _heartRateUri, OuraCatalog.HeartRate.PageTypeInfo, withToken: false);

    [Benchmark(Description = "heartrate 1 d: IOuraClient.ListAsync")]
    [BenchmarkCategory(HeartRateCategory)]
    public async Task<int> HeartRateClient() =>
        (await _client.ListAsync(OuraCatalog.HeartRate, _heartRateRequest, CancellationToken.None)).Data.Count;

    private async Task<long> RawBytesAsync(Uri uri)
    {
        using var response = await SendAsync(_raw, uri, withToken: true);
        var stream = await response.Content.ReadAsStreamAsync();
        await using (stream)
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(_buffer)) > 0) total += read;
            return total;
        }
    }

    private static async Task<int> ParseAsync<T>(HttpClient http, Uri uri, JsonTypeInfo<OuraPage<T>> typeInfo, bool withToken)
    {
        using var response = await SendAsync(http, uri, withToken);
        var stream = await response.Content.ReadAsStreamAsync();
        await using (stream)
        {
            var page = await JsonSerializer.DeserializeAsync(stream, typeInfo) ?? throw new InvalidOperationException("The fake answered null.");
            return page.Data.Count;
        }
    }

    /// <summary>
    /// What the client sends, minus the client: a GET, headers-read, success checked. The bearer token is set here for
    /// the raw HttpClient; the pipeline's authentication handler sets it itself.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri uri, bool withToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (withToken) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeDefaults.DemoToken);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Sends each kind of call once and checks, in the fake's request log, that every one arrived as the same single
    /// request with the same token and read the same rows; then clears the log. Also records the body size.
    /// </summary>
    private async Task VerifySameRequestAsync<T>(OuraCollection<T> collection, Uri uri, OuraListRequest request, string category)
    {
        _fake.Requests.Clear();
        var bytes = await RawBytesAsync(uri);
        var rawRows = await ParseAsync(_raw, uri, collection.PageTypeInfo, withToken: true);
        var pipelineRows = await ParseAsync(_pipeline, uri, collection.PageTypeInfo, withToken: false);
        var result = await _client.ListAsync(collection, request, CancellationToken.None);
        var log = _fake.Requests.All;
        _fake.Requests.Clear();

        if (log.Count != 4 || log.Any(r => r.Status != 200 || r.Method != "GET"))
            throw new InvalidOperationException($"{category}: expected 4 successful GETs, the fake saw {Describe(log)}.");
        if (log.Select(r => r.TokenFingerprint).Distinct().Count() != 1)
            throw new InvalidOperationException($"{category}: the requests did not all carry the same bearer token.");
        var client = log[3];
        if (log.Any(r => r.Path != client.Path || !SameQuery(r.Query, client.Query)))
            throw new InvalidOperationException($"{category}: the raw GET and the client sent different requests: {Describe(log)}.");
        if (result.PagesFetched != 1 || result.Data.Count != rawRows || pipelineRows != rawRows || rawRows == 0)
            throw new InvalidOperationException(
                $"{category}: the client read {result.Data.Count} rows in {result.PagesFetched} page(s), the raw GET {rawRows} in one.");
        Payloads.Record(category, checked((int)bytes));
    }

    private Uri Url(OuraCollection collection, params (string Name, string Value)[] query) =>
        new(_fake.BaseAddress, collection.Path.TrimStart('/') + "?" + string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}")));

    private static string LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static bool SameQuery(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static string Describe(IReadOnlyList<FakeRequest> log) =>
        string.Join("; ", log.Select(r => $"{r.Method} {r.Path}?{string.Join('&', r.Query.Select(q => $"{q.Key}={q.Value}"))} -> {r.Status}"));
}
