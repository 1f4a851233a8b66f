using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    private readonly List<JsonRpcMessage> _sent;

    private ServerHarness(InProcessServer server, FakeOuraServer? fake, FakeTimeProvider clock, List<JsonRpcMessage> sent)
    {
        _server = server;
        Fake = fake;
        Clock = clock;
        _sent = sent;
    }

    /// <summary>Every JSON-RPC message the server wrote to the client so far, in the order it wrote them.</summary>
    public IReadOnlyList<JsonRpcMessage> Sent
    {
        get { lock (_sent) return [.. _sent]; }
    }

    /// <summary>The fake Oura behind the client; null when a test double replaced the client.</summary>
    public FakeOuraServer? Fake { get; }

    public FakeTimeProvider Clock { get; }

    public McpClient Client => _server.Client;

    public IServiceProvider Services => _server.Services;

    /// <summary>The server over the real client, pipeline and in-process fake Oura.</summary>
    /// <param name="fake">Adjusts the fake (page sizes, more accounts) before it starts.</param>
    /// <param name="maxResponseTokens">The server's response budget.</param>
    /// <param name="scopes">The scopes the test token holds (null: all).</param>
    public static async Task<ServerHarness> StartAsync(
        Action<FakeOuraOptions>? fake = null, int maxResponseTokens = ServerSettings.DefaultMaxResponseTokens, IReadOnlyCollection<string>? scopes = null)
    {
        var clock = new FakeTimeProvider(Now);
        var options = new FakeOuraOptions { TimeProvider = clock };
        options.Accounts.Add(new FakeAccount(Token, Person, scopes));
        fake?.Invoke(options);
        var fakeOura = FakeOuraServer.CreateInProcess(options);
        // Demo settings with our own fake, clock and token registered first: the demo backend's TryAdds keep them, so
        // the composition is the one --demo runs (AddOuraClient over the fake's in-process handler), with test data.
        var settings = new ServerSettings { Demo = true, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Zone), MaxResponseTokens = maxResponseTokens };
        var sent = new List<JsonRpcMessage>();
        var server = await InProcessServer.StartAsync(settings, services =>
        {
            SecretCapture.Watch(services);
            Record(services, sent);
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(fakeOura);
            services.AddSingleton<IOuraTokenProvider>(new StaticTokenProvider(Token));
        });
        return new ServerHarness(server, fakeOura, clock, sent);
    }

    /// <summary>The server over a test double of the client, for what the fake cannot serve (each use says why).</summary>
    public static async Task<ServerHarness> StartAsync(IOuraClient oura, int maxResponseTokens = ServerSettings.DefaultMaxResponseTokens)
    {
        var clock = new FakeTimeProvider(Now);
        var settings = new ServerSettings { AccessToken = Token, TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Zone), MaxResponseTokens = maxResponseTokens };
        var sent = new List<JsonRpcMessage>();
        var server = await InProcessServer.StartAsync(settings, services =>
        {
            SecretCapture.Watch(services);
            Record(services, sent);
            services.AddSingleton(oura);
            services.AddSingleton<TimeProvider>(clock);
        });
        return new ServerHarness(server, fake: null, clock, sent);
    }

    private static void Record(IServiceCollection services, List<JsonRpcMessage> sent) =>
        services.AddMcpServer().WithMessageFilters(filters => filters.AddOutgoingFilter(next => async (context, cancellationToken) =>
        {
            lock (sent) sent.Add(context.JsonRpcMessage);
            await next(context, cancellationToken);
        }));

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

    public static JsonElement[] Items(this CallToolResult result) => result.Structured().Items();

    /// <summary>
    /// The answer's table as one object per row, nested again from the dotted column names (main.bedtime becomes
    /// main: { bedtime }), so assertions read values by name; cells without a value are left out, as the server does.
    /// </summary>
    public static JsonElement[] Items(this JsonElement answer)
    {
        var columns = answer.GetProperty("columns").Strings();
        return answer.GetProperty("rows").EnumerateArray().Select(row =>
        {
            row.GetArrayLength().Should().Be(columns.Length, "every row has a value or null for each column");
            var item = new JsonObject();
            foreach (var (name, value) in columns.Zip(row.EnumerateArray()))
            {
                if (value.ValueKind == JsonValueKind.Null) continue;
                var path = name.Split('.');
                var parent = item;
                foreach (var step in path[..^1]) parent = (parent[step] ??= new JsonObject()).AsObject();
                parent[path[^1]] = JsonNode.Parse(value.GetRawText());
            }

            return JsonSerializer.SerializeToElement(item);
        }).ToArray();
    }

    /// <summary>The text twin's table (the CSV after the answer's first line) as one map per row, header to value.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> TextRows(this CallToolResult result)
    {
        var text = result.Text();
        var records = Csv(text[(text.IndexOf('\n') + 1)..])
            .TakeWhile(r => !r[0].StartsWith("No data for:", StringComparison.Ordinal) && !r[0].StartsWith("Notice:", StringComparison.Ordinal)
                && !r[0].StartsWith("cursor:", StringComparison.Ordinal))
            .ToList();
        if (!text.Contains('\n') || records.Count == 0) return [];
        var header = records[0];
        return records.Skip(1).Select(cells =>
        {
            cells.Should().HaveSameCount(header, $"every line has a value or nothing for each column: {string.Join(",", cells)}");
            return (IReadOnlyDictionary<string, string>)header.Zip(cells).ToDictionary(c => c.First, c => c.Second);
        }).ToList();
    }

    /// <summary>CSV records (RFC 4180: quoted values may hold commas, quotes and line breaks).</summary>
    public static List<string[]> Csv(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { cells.Add(cell.ToString()); cell.Clear(); records.Add([.. cells]); cells.Clear(); }
            else cell.Append(c);
        }

        cells.Add(cell.ToString());
        records.Add([.. cells]);
        return records;
    }

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static double? Num(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
