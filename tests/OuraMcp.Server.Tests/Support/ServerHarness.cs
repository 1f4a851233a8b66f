using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Json;
using OuraMcp.Server.Hosting;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Support;

/// <summary>
/// The real server composition behind a real MCP client, over in-memory pipes. By default the data comes through the
/// real Oura client and its pipeline from an in-process fake Oura serving <see cref="Person"/>, on a fixed clock that
/// the fake shares; the fake's documents are the ground truth the tests compare answers with.
/// </summary>
public sealed class ServerHarness : IAsyncDisposable
{
    /// <summary>14:00 in Helsinki on <see cref="Today"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 3, 5);

    public const string Zone = "Europe/Helsinki";

    public const string Token = "server-test-token";

    static ServerHarness()
    {
        // Fixed values, not in a shape the scan knows: looked for by value.
        SecretScan.Register("the harness's access token", Token);
        SecretScan.Register("the fake Oura's default client secret", FakeDefaults.ClientSecret);
    }

    /// <summary>The demo person whose last day is today; generated once, shared by every test (it is immutable).</summary>
    public static IFakePerson Person { get; } = FakePeople.Demo(Today);

    private readonly InProcessServer _server;

    private ServerHarness(InProcessServer server, FakeOuraServer? fake, ManualTimeProvider clock)
    {
        _server = server;
        Fake = fake;
        Clock = clock;
    }

    /// <summary>The fake Oura behind the client; null when a test double replaced the client.</summary>
    public FakeOuraServer? Fake { get; }

    public ManualTimeProvider Clock { get; }

    public McpClient Client => _server.Client;

    public IServiceProvider Services => _server.Services;

    /// <summary>The server over the real client, pipeline and in-process fake Oura.</summary>
    /// <param name="fake">Adjusts the fake (page sizes, more accounts) before it starts.</param>
    /// <param name="maxResponseTokens">The server's response budget.</param>
    /// <param name="scopes">The scopes the test token holds (null: all).</param>
    public static async Task<ServerHarness> StartAsync(
        Action<FakeOuraOptions>? fake = null, int maxResponseTokens = ServerSettings.DefaultMaxResponseTokens, IReadOnlyCollection<string>? scopes = null)
    {
        var clock = new ManualTimeProvider(Now);
        var options = new FakeOuraOptions { TimeProvider = clock };
        options.Accounts.Add(new FakeAccount(Token, Person, scopes));
        fake?.Invoke(options);
        var fakeOura = FakeOuraServer.CreateInProcess(options);
        // Demo settings with our own fake, clock and token registered first: the demo backend's TryAdds keep them, so
        // the composition is the one --demo runs (AddOuraClient over the fake's in-process handler), with test data.
        var settings = new ServerSettings { Demo = true, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Zone), MaxResponseTokens = maxResponseTokens };
        var server = await InProcessServer.StartAsync(settings, services =>
        {
            SecretCapture.Watch(services);
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(fakeOura);
            services.AddSingleton<IOuraTokenProvider>(new StaticTokenProvider(Token));
        });
        return new ServerHarness(server, fakeOura, clock);
    }

    /// <summary>The server over a test double of the client, for what the fake cannot serve (each use says why).</summary>
    public static async Task<ServerHarness> StartAsync(IOuraClient oura, int maxResponseTokens = ServerSettings.DefaultMaxResponseTokens)
    {
        var clock = new ManualTimeProvider(Now);
        var settings = new ServerSettings { AccessToken = Token, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Zone), MaxResponseTokens = maxResponseTokens };
        var server = await InProcessServer.StartAsync(settings, services =>
        {
            SecretCapture.Watch(services);
            services.AddSingleton(oura);
            services.AddSingleton<TimeProvider>(clock);
        });
        return new ServerHarness(server, fake: null, clock);
    }

    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await Client.CallToolAsync(tool, Arguments(arguments), progress, cancellationToken: cancellationToken);
        // Also seen by the outgoing-message scan; checked here too so the failure points at the call.
        SecretScan.ShouldBeClean($"the result of {tool}", JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions));
        return result;
    }

    public static Dictionary<string, object?> Arguments(object? arguments) =>
        arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);

    /// <summary>The fake's Oura data requests (not personal_info), oldest first.</summary>
    public IReadOnlyList<FakeRequest> OuraRequests(string? collectionName = null) =>
        Fake!.Requests.All.Where(r => collectionName is null || r.Path.EndsWith("/" + collectionName, StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync() => DisposeCoreAsync();

    private async ValueTask DisposeCoreAsync()
    {
        await _server.DisposeAsync();
        if (Fake is not null) await Fake.DisposeAsync();
    }
}

/// <summary>The ground truth: the fake person's documents, typed, as the tests read them.</summary>
public static class Truth
{
    public static IEnumerable<T> Of<T>(OuraCollection<T> collection) =>
        ServerHarness.Person.Documents(collection).Select(d => (T)d.Model);

    public static IEnumerable<T> On<T>(OuraCollection<T> collection, DateOnly first, DateOnly last) =>
        ServerHarness.Person.Documents(collection).Where(d => d.Day >= first && d.Day <= last).Select(d => (T)d.Model);

    public static IEnumerable<FakeDocument> Documents(OuraCollection collection, DateOnly first, DateOnly last) =>
        ServerHarness.Person.Documents(collection).Where(d => d.Day >= first && d.Day <= last);

    /// <summary>A document as Oura's JSON, to compare with what a tool returned.</summary>
    public static JsonElement Json(object model) => JsonSerializer.SerializeToElement(model, OuraJson.Options.GetTypeInfo(model.GetType()));

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");
}

/// <summary>Reading answers in assertions.</summary>
public static class Answer
{
    public static JsonElement Structured(this CallToolResult result)
    {
        result.IsError.Should().NotBe(true, because: Text(result));
        result.StructuredContent.Should().NotBeNull();
        return result.StructuredContent!.Value;
    }

    public static string Text(this CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public static JsonElement[] Items(this CallToolResult result) => result.Structured().GetProperty("items").EnumerateArray().ToArray();

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static double? Num(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
