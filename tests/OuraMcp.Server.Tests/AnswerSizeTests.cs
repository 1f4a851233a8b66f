using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Tests;

/// <summary>
/// Default answers against the raw JSON Oura returns for the same data, on the demo person (the real client over the
/// fake Oura): the answer as the client receives it (text and structured content) must be at least ten times smaller.
/// </summary>
public sealed class AnswerSizeTests
{
    [Fact]
    public async Task Thirty_nights_of_sleep_answer_at_least_ten_times_smaller_than_raw_oura_json()
    {
        await using var demo = await Demo.StartAsync();
        var (start, end) = (demo.Today.AddDays(-29), demo.Today);
        var raw = await demo.RawBytesAsync(OuraCatalog.Sleep, $"start_date={Day(start)}&end_date={Day(end)}")
                  + await demo.RawBytesAsync(OuraCatalog.DailySleep, $"start_date={Day(start)}&end_date={Day(end)}");

        var answer = await demo.AnswerBytesAsync("get_sleep", new() { ["start_date"] = Day(start), ["end_date"] = Day(end) });

        ((double)raw / answer).Should().BeGreaterThanOrEqualTo(10, $"raw {raw:N0} B, answer {answer:N0} B");
    }

    [Fact]
    public async Task Yesterdays_heart_rate_answer_at_least_ten_times_smaller_than_raw_oura_json()
    {
        await using var demo = await Demo.StartAsync();
        var yesterday = demo.Today.AddDays(-1);
        var query = $"start_datetime={Instant(demo.Midnight(yesterday))}&end_datetime={Instant(demo.Midnight(demo.Today))}";
        var raw = await demo.RawBytesAsync(OuraCatalog.HeartRate, query);

        var answer = await demo.AnswerBytesAsync("get_heart_rate", new() { ["start_date"] = Day(yesterday), ["end_date"] = Day(yesterday) });

        ((double)raw / answer).Should().BeGreaterThanOrEqualTo(10, $"raw {raw:N0} B, answer {answer:N0} B");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The <c>--demo</c> server in process, and plain HTTP to the same fake Oura for the raw pages.</summary>
    private sealed class Demo : IAsyncDisposable
    {
        private readonly InProcessServer _server;
        private readonly HttpClient _http;
        private readonly TimeZoneInfo _zone;

        private Demo(InProcessServer server, TimeZoneInfo zone)
        {
            _server = server;
            _zone = zone;
            _http = new HttpClient(server.Services.GetRequiredService<FakeOuraServer>().CreateHandler()) { BaseAddress = new Uri("http://localhost/") };
            _http.DefaultRequestHeaders.Authorization = new("Bearer", FakeDefaults.DemoToken);
        }

        public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, _zone).DateTime);

        public static async Task<Demo> StartAsync()
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoBackend.TimeZoneId);
            return new Demo(await InProcessServer.StartAsync(new ServerSettings { Demo = true, TimeZone = zone }), zone);
        }

        public DateTimeOffset Midnight(DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, _zone.GetUtcOffset(local));
        }

        /// <summary>Every page Oura sends for the query, as sent.</summary>
        public async Task<long> RawBytesAsync(OuraCollection collection, string query)
        {
            long total = 0;
            string? next = null;
            do
            {
                var body = await _http.GetByteArrayAsync(collection.Path + "?" + query + (next is null ? "" : "&next_token=" + Uri.EscapeDataString(next)));
                total += body.Length;
                using var page = JsonDocument.Parse(body);
                next = page.RootElement.TryGetProperty("next_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            }
            while (next is not null);
            return total;
        }

        /// <summary>The result as the client receives it: text content and structured content, serialized.</summary>
        public async Task<long> AnswerBytesAsync(string tool, Dictionary<string, object?> arguments)
        {
            var result = await _server.Client.CallToolAsync(tool, arguments);
            result.IsError.Should().NotBe(true);
            return JsonSerializer.SerializeToUtf8Bytes(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult))).Length;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _server.DisposeAsync();
        }
    }
}
