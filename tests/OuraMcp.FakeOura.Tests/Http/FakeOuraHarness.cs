using System.Net.Http.Headers;
using System.Text.Json;
using OuraMcp.FakeOura.Data;
using OuraMcp.Testing;

namespace OuraMcp.FakeOura.Tests.Http;

/// <summary>An in-process fake Oura with one account ("token-1") and an HttpClient bound to it.</summary>
internal sealed class FakeOuraHarness : IAsyncDisposable
{
    public const string Token = "token-1";

    private FakeOuraHarness(FakeOuraServer server, ObservedClock clock)
    {
        Server = server;
        Clock = clock;
        Client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public FakeOuraServer Server { get; }

    public ObservedClock Clock { get; }

    public HttpClient Client { get; }

    public static FakeOuraHarness Start(IFakePerson person, Action<FakeOuraOptions>? configure = null, IReadOnlyCollection<string>? scopes = null)
    {
        var clock = new ObservedClock(new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.Zero));
        var options = new FakeOuraOptions { TimeProvider = clock };
        options.Accounts.Add(new FakeAccount(Token, person, scopes));
        configure?.Invoke(options);
        return new FakeOuraHarness(FakeOuraServer.CreateInProcess(options), clock);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Client.GetAsync(pathAndQuery.TrimStart('/'));

    /// <summary>GETs and expects <paramref name="status"/>, returning the parsed body.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery, int status = 200)
    {
        using var response = await GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
