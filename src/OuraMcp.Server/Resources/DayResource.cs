using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Client;
using OuraMcp.Server.People;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Resources;

/// <summary>
/// <c>oura://day/{date}</c>: the collections of <c>get_daily_summary</c> for one local day, read as that tool reads
/// them, as a Markdown overview for people and Oura's whole documents as JSON for programs.
/// </summary>
public static class DayResource
{
    public static async Task<ReadResourceResult> ReadAsync(string uri, DateOnly day, Person person, CancellationToken cancellationToken)
    {
        var view = SummaryView.Daily;
        var request = OuraListRequest.ForDays(day, day, person.TimeZone);
        var fetched = await Task.WhenAll(view.Sources.Select(s => s.FetchAsync(person.Oura, request, cancellationToken))).ConfigureAwait(false);
        var summary = view.Rows(new FetchedSet(fetched)).FirstOrDefault(r => r.Day == Days.Format(day));
        var incomplete = fetched.Where(f => !f.Outcome.IsComplete).Select(f => f.Source.Collection.Name).ToList();

        var json = new JsonObject
        {
            ["day"] = Days.Format(day),
            ["time_zone"] = person.TimeZone.Id,
            ["complete"] = incomplete.Count == 0,
        };
        foreach (var result in fetched)
        {
            json[result.Source.Collection.Name] = new JsonArray([.. result.Documents.Where(d => d.Day == day).Select(d => JsonNode.Parse(result.Source.ToJson(d.Document).GetRawText()))]);
        }

        return new ReadResourceResult
        {
            Contents =
            [
                new TextResourceContents { Uri = uri, MimeType = ResourceList.Markdown, Text = Markdown(day, person.TimeZone, summary, incomplete) },
                new TextResourceContents { Uri = uri, MimeType = ResourceList.Json, Text = json.ToJsonString() },
            ],
        };
    }

    private static string Markdown(DateOnly day, TimeZoneInfo zone, DaySummary? summary, IReadOnlyList<string> incomplete)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {day:dddd d MMMM yyyy} ({zone.Id})\n\n");
        if (summary is null)
        {
            text.Append("Oura has no sleep, readiness, activity, stress or resilience for this day yet.\n");
        }
        else
        {
            Line("Sleep score", summary.SleepScore?.ToString(CultureInfo.InvariantCulture));
            Line("Readiness score", summary.ReadinessScore?.ToString(CultureInfo.InvariantCulture));
            Line("Activity score", summary.ActivityScore?.ToString(CultureInfo.InvariantCulture));
            Line("Steps", summary.Steps?.ToString("N0", CultureInfo.InvariantCulture));
            Line("Stress", summary.Stress);
            Line("Resilience", summary.Resilience);
        }

        if (incomplete.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\nNot every page of {string.Join(", ", incomplete)} came; read the day again later.\n");
        return text.ToString();

        void Line(string name, string? value) => text.Append(CultureInfo.InvariantCulture, $"- {name}: {value ?? "no data"}\n");
    }
}
