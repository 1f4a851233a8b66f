using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Charts;

namespace OuraMcp.Server.Benchmarks;

/// <summary>
/// The size of a tool's default answer, as the client receives it (the JSON-RPC result: text content and structured
/// content), against the raw JSON Oura returns for the same data (every page, as sent). Clients hand the model one of
/// the two copies (most the text, some the structured content), so each is also measured alone. Tokens are estimated
/// as characters / 4, the estimate the server budgets with. The demo person's data is deterministic, so are the sizes.
/// </summary>
public static class AnswerSizes
{
    public sealed record Row(string Question, string Call, long RawBytes, long AnswerBytes, long TextBytes, long StructuredBytes, string Answer)
    {
        public double Ratio => (double)RawBytes / AnswerBytes;
    }

    public static async Task<IReadOnlyList<Row>> MeasureAsync()
    {
        var (client, fake, owner) = DemoServer.CreateUpstream();
        await using var _ = owner;
        await using var server = await DemoServer.StartAsync(client);
        using var http = new HttpClient(fake.CreateHandler()) { BaseAddress = new Uri("http://localhost/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeDefaults.DemoToken);

        var zone = DemoServer.Settings.TimeZone;
        var today = DemoServer.Today;
        var yesterday = today.AddDays(-1);
        var monthStart = today.AddDays(-29);

        // "My last 30 days of sleep": the nights and the daily sleep scores of the 30 days ending today.
        var rawSleep = await RawBytesAsync(http, OuraCatalog.Sleep, $"start_date={Day(monthStart)}&end_date={Day(today)}")
                       + await RawBytesAsync(http, OuraCatalog.DailySleep, $"start_date={Day(monthStart)}&end_date={Day(today)}");
        var sleepCall = new Dictionary<string, object?> { ["start_date"] = Day(monthStart), ["end_date"] = Day(today) };
        var sleepAnswer = await AnswerAsync(server.Client, "get_sleep", sleepCall);

        // "Yesterday's heart rate": every sample of yesterday, local midnight to midnight.
        var dayStart = Midnight(yesterday, zone);
        var dayEnd = Midnight(today, zone);
        var rawHeart = await RawBytesAsync(http, OuraCatalog.HeartRate,
            $"start_datetime={Uri.EscapeDataString(dayStart.ToString("O", CultureInfo.InvariantCulture))}&end_datetime={Uri.EscapeDataString(dayEnd.ToString("O", CultureInfo.InvariantCulture))}");
        var heartCall = new Dictionary<string, object?> { ["start_date"] = Day(yesterday), ["end_date"] = Day(yesterday) };
        var heartAnswer = await AnswerAsync(server.Client, "get_heart_rate", heartCall);

        return
        [
            Measured("my last 30 days of sleep", $"get_sleep {Args(sleepCall)}", rawSleep, sleepAnswer),
            Measured("yesterday's heart rate", $"get_heart_rate {Args(heartCall)}", rawHeart, heartAnswer),
        ];
    }

    public static async Task PrintAsync(TextWriter output, bool showAnswers)
    {
        var rows = await MeasureAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| question | default answer | raw Oura JSON | answer (both copies) | ratio | text twin alone | structured alone |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---:|---:|---:|---:|---:|").ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(
                $"| {row.Question} | `{row.Call}` | {row.RawBytes:N0} B (~{row.RawBytes / 4:N0} tokens) | {row.AnswerBytes:N0} B (~{row.AnswerBytes / 4:N0} tokens) | {row.Ratio:F1}x " +
                $"| {row.TextBytes:N0} B ({(double)row.RawBytes / row.TextBytes:F1}x) | {row.StructuredBytes:N0} B ({(double)row.RawBytes / row.StructuredBytes:F1}x) |").ConfigureAwait(false);
        }

        await ChartSizesAsync(output).ConfigureAwait(false);
        if (!showAnswers) return;
        foreach (var row in rows)
        {
            await output.WriteLineAsync($"\n{row.Call}:\n{row.Answer}").ConfigureAwait(false);
        }
    }

    /// <summary>The MCP App's document and the plot tool's PNGs, in bytes (the PNG as decoded bytes and as the base64 sent).</summary>
    private static async Task ChartSizesAsync(TextWriter output)
    {
        var (client, _, owner) = DemoServer.CreateUpstream();
        await using var _ = owner;
        await using var server = await DemoServer.StartAsync(client);
        var app = (TextResourceContents)(await server.Client.ReadResourceAsync("ui://oura/chart").ConfigureAwait(false)).Contents.Single();
        await output.WriteLineAsync($"\nMCP App ui://oura/chart: {System.Text.Encoding.UTF8.GetByteCount(app.Text):N0} B").ConfigureAwait(false);
        var (readiness, heartRate) = ChartBenchmarks.Arguments(DemoServer.Today);
        foreach (var arguments in new[] { readiness, heartRate })
        {
            var result = await server.Client.CallToolAsync("plot", arguments).ConfigureAwait(false);
            var image = result.Content.OfType<ImageContentBlock>().Single();
            await output.WriteLineAsync($"plot {Args(arguments)}: PNG {image.DecodedData.Length:N0} B, {image.Data.Length:N0} B as base64").ConfigureAwait(false);
        }

        // Drawing and encoding alone, in CPU time per chart: on a shared machine the wall time mostly measures the wait for a core.
        foreach (var (name, series) in new[] { ("30 days", Series(30, TimeSpan.FromDays(1), daily: true)), ("288 five-minute means", Series(288, TimeSpan.FromMinutes(5), daily: false)) })
        {
            PngChart.Render(series);
            const int charts = 20;
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < charts; i++) PngChart.Render(series);
            var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await output.WriteLineAsync($"PngChart.Render, {name}: {used.TotalMilliseconds / charts:F1} ms of CPU, {wall.Elapsed.TotalMilliseconds / charts:F1} ms of wall time per chart").ConfigureAwait(false);
        }
    }

    private static PlotSeries Series(int count, TimeSpan step, bool daily)
    {
        var start = new DateTime(2026, 3, 1);
        var points = Enumerable.Range(0, count).Select(i => new PlotPoint(start + i * step, 60 + 15 * Math.Sin(i / 7.0))).ToList();
        return new PlotSeries("benchmark", "value", "time", PlotSeries.Split(points, step), daily);
    }

    /// <summary>The bytes of every page Oura sends for the query, following next_token.</summary>
    private static async Task<long> RawBytesAsync(HttpClient http, OuraCollection collection, string query)
    {
        long total = 0;
        string? next = null;
        do
        {
            var url = collection.Path + "?" + query + (next is null ? "" : "&next_token=" + Uri.EscapeDataString(next));
            var body = await http.GetByteArrayAsync(url).ConfigureAwait(false);
            total += body.Length;
            using var page = JsonDocument.Parse(body);
            next = page.RootElement.TryGetProperty("next_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }
        while (next is not null);
        return total;
    }

    /// <summary>The whole result as on the wire; the text as the model reads it; the structured content as JSON.</summary>
    private static Row Measured(string question, string call, long raw, CallToolResult result)
    {
        var wire = JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)));
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        return new Row(question, call, raw, Utf8(wire), Utf8(text), Utf8(result.StructuredContent!.Value.GetRawText()), wire);
    }

    /// <summary>The result of one call; a failed call fails the measurement.</summary>
    private static async Task<CallToolResult> AnswerAsync(McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments).ConfigureAwait(false);
        if (result.IsError == true) throw new InvalidOperationException($"{tool} failed");
        return result;
    }

    private static long Utf8(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Args(IReadOnlyDictionary<string, object?> arguments) =>
        "{" + string.Join(", ", arguments.Select(a => $"{a.Key}: {a.Value}")) + "}";
}
