using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Hosting;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Support;

/// <summary>The real server composition behind a real MCP client, over in-memory pipes, with the test data and clock.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private readonly InProcessServer _server;

    private ServerHarness(InProcessServer server, InMemoryOuraClient oura)
    {
        _server = server;
        Oura = oura;
    }

    public InMemoryOuraClient Oura { get; }

    public McpClient Client => _server.Client;

    public static async Task<ServerHarness> StartAsync(InMemoryOuraClient? oura = null, int maxResponseTokens = ServerSettings.DefaultMaxResponseTokens)
    {
        oura ??= TestData.Person();
        var settings = new ServerSettings
        {
            AccessToken = "test-token",
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(TestData.Zone),
            MaxResponseTokens = maxResponseTokens,
        };
        var server = await InProcessServer.StartAsync(settings, services =>
        {
            services.AddSingleton<IOuraClient>(oura);
            services.AddSingleton<TimeProvider>(new ManualTimeProvider(TestData.Now));
        });
        return new ServerHarness(server, oura);
    }

    public Task<CallToolResult> CallAsync(string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return Client.CallToolAsync(tool, args, progress, cancellationToken: cancellationToken).AsTask();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
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
