using System.Text.Json;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;

namespace OuraMcp.Server.Webhooks;

/// <summary>Subscriptions as a table, like every list answer: the columns once, then one row each (tools and commands).</summary>
public static class WebhookTable
{
    public static (ListAnswer<WebhookRow> Answer, string Text) Of(string title, IReadOnlyList<WebhookSubscription> subscriptions)
    {
        var rows = subscriptions.Select(s => FlatRow.From(JsonSerializer.SerializeToElement(WebhookRow.From(s), ServerJsonContext.Default.WebhookRow))).ToList();
        var table = AnswerTable.From(rows, typeof(WebhookRow));
        var answer = new ListAnswer<WebhookRow> { Columns = table.Columns, Rows = table.Rows, Complete = true };
        var text = subscriptions.Count == 0
            ? $"{title}: none."
            : $"{title} ({subscriptions.Count}):\n" + string.Join('\n', table.TextLines());
        return (answer, text);
    }
}
