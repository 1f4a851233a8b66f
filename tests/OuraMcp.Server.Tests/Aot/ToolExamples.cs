using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Aot;

/// <summary>
/// Arguments that make each tool give a full answer: on the demo person (<c>--demo</c>, whose data ends today in
/// Helsinki) with the optional forms too (detail documents, naps, raw samples, the latest reading), so that every answer
/// type a tool can write is written; and for the webhooks toolset, one subscription's whole life. A tool missing here
/// fails <see cref="ReflectionFreeJsonTests"/> with a sentence saying to add it.
/// </summary>
internal sealed class ToolExamples(DateOnly today)
{
    /// <summary>Where the webhook subscription made by the examples points: the fake Oura verifies it in process.</summary>
    public const string WebhookCallback = "https://oura-mcp.example/webhooks/oura";

    /// <summary>The subscription the create example made, which the other webhook examples read, change and delete.</summary>
    private string? _subscription;

    /// <summary>The demo person's today, as the server in demo mode computes it.</summary>
    public static DateOnly DemoToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(DemoBackend.TimeZoneId)).DateTime);

    /// <summary>When to call a tool: what creates first, what deletes last, the rest between.</summary>
    public static int Order(string tool) => tool.StartsWith("create_", StringComparison.Ordinal) ? 0 : tool.StartsWith("delete_", StringComparison.Ordinal) ? 2 : 1;

    /// <summary>Takes what a later example needs from an answer: the id of the subscription just created.</summary>
    public void Learn(string tool, CallToolResult result)
    {
        if (tool == "create_webhook_subscription" && result.IsError != true) _subscription = result.Items()[0].Str("id");
    }

    /// <summary>The argument sets to call <paramref name="tool"/> with, or null for a tool without examples.</summary>
    public IReadOnlyList<Dictionary<string, object?>>? For(string tool)
    {
        var month = new { start_date = Day(today.AddDays(-29)), end_date = Day(today) };
        var yesterday = Day(today.AddDays(-1));
        object[]? examples = tool switch
        {
            "get_daily_summary" => [new { }, new { month.start_date, month.end_date, detail = true }],
            "get_sleep" => [new { month.start_date, month.end_date, include_naps = true }, new { start_date = yesterday, end_date = yesterday, detail = true }],
            "get_sleep_series" => [new { start_date = yesterday, end_date = yesterday }, new { start_date = yesterday, end_date = yesterday, resolution = "raw", include_naps = true }],
            "get_sleep_time" or "get_readiness" or "get_resilience" or "get_activity" or "get_sessions" or "get_workouts" or "get_stress"
                or "get_cardiovascular_age" or "get_vo2_max" or "get_spo2" or "get_tags" =>
                [month, new { month.start_date, month.end_date, detail = true }],
            "get_rest_mode_periods" => [new { start_date = Day(today.AddDays(-364)), end_date = Day(today), detail = true }, new { start_date = Day(today.AddDays(-364)), end_date = Day(today) }],
            "get_ring_configuration" => [new { }, new { detail = true }],
            "get_personal_info" => [new { }],
            "get_heart_rate" => [new { start_date = yesterday, end_date = yesterday, resolution = "hourly" }, new { start_date = Day(today.AddDays(-10)), end_date = yesterday, resolution = "raw" }, new { latest = true }],
            "get_ring_battery" => [new { start_date = yesterday, end_date = yesterday, resolution = "5min" }, new { latest = true }],
            "get_document" => DocumentExamples(today),
            "trend" => [new { metric = "sleep.main.average_hrv" }, new { metric = "readiness.score", start_date = Day(today.AddDays(-3)), end_date = Day(today.AddDays(-1)) }],
            "compare_periods" => [new { metric = "readiness.score", month.start_date, month.end_date }],
            "correlate" => [new { x_metric = "activity.steps", y_metric = "sleep.score", max_lag = 3 }],
            "tag_effect" => [new { tag = "alcohol", metric = "sleep.main.average_hrv", start_date = Day(today.AddDays(-365)), end_date = yesterday }],
            "anomalies" => [new { metric = "readiness.temperature_deviation" }],
            "plot" => [new { metric = "readiness.score" }],
            "sync_history" => [new { since = Day(today.AddDays(-20)), collections = "daily_sleep,sleep,heartrate" }],
            "create_webhook_subscription" => [new { callback_url = WebhookCallback, data_type = "sleep", event_type = "create" }],
            "list_webhook_subscriptions" => [new { }],
            "get_webhook_subscription" or "renew_webhook_subscription" or "delete_webhook_subscription" => [new { id = _subscription }],
            "update_webhook_subscription" => [new { id = _subscription, event_type = "update" }],
            _ => null,
        };
        return examples?.Select(ServerHarness.Arguments).ToList();
    }

    /// <summary>One real document of every collection that has documents by id, so each collection's model is written once.</summary>
    private static object[] DocumentExamples(DateOnly today)
    {
        var person = FakeDefaults.CreateDemoPerson(today);
        return [.. from collection in OuraCatalog.All
                   where collection.HasDocumentRoute
                   let document = person.Documents(collection).LastOrDefault(d => d.Id is not null && d.Day < today)
                   where document is not null
                   select new { collection = collection.Name, id = document.Id }];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
