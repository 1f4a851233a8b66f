using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Answers;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Tools;

/// <summary>
/// The Oura app's webhook subscriptions: app administration, authenticated with the app's client id and secret, not
/// the person's token. Served only where the app's credentials are set; when hosted with <c>--auth oauth</c>, only to
/// callers whose token carries the admin scope. The verification token comes from the server's environment, never
/// from an argument, and no answer carries it or the client secret.
/// </summary>
[McpServerToolType]
[Toolset(Toolsets.Webhooks)]
public sealed class WebhookTools(IOuraWebhookClient webhooks, OuraApp app)
{
    private const string IdDoc = "The subscription's id, as list_webhook_subscriptions shows it.";
    private const string DataTypeDoc = "The Oura data type to report (e.g. sleep, daily_readiness).";
    private const string EventTypeDoc = "The change to report: create, update or delete.";
    private const string CallbackDoc = "The https URL Oura delivers events to; Oura checks it with a verification GET before it subscribes.";

    [McpServerTool(Name = "list_webhook_subscriptions", Title = "Webhook subscriptions", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WebhookRow>))]
    [Description("The Oura app's webhook subscriptions: id, data type, event type, callback URL and expiry (UTC). App administration, not the person's data.")]
    public async Task<CallToolResult> ListWebhookSubscriptions(CancellationToken cancellationToken = default) =>
        Answer("Webhook subscriptions of the app", await webhooks.ListAsync(cancellationToken).ConfigureAwait(false));

    [McpServerTool(Name = "get_webhook_subscription", Title = "Webhook subscription", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WebhookRow>))]
    [Description("One of the Oura app's webhook subscriptions by id.")]
    public async Task<CallToolResult> GetWebhookSubscription([Description(IdDoc)] string id, CancellationToken cancellationToken = default) =>
        Answer("Webhook subscription", [await webhooks.GetAsync(Id(id), cancellationToken).ConfigureAwait(false)]);

    [McpServerTool(Name = "create_webhook_subscription", Title = "Create webhook subscription", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WebhookRow>))]
    [Description("Subscribes the Oura app to one data type and event type at a callback URL; the verification token is the server's own (OURA_WEBHOOK_VERIFICATION_TOKEN).")]
    public async Task<CallToolResult> CreateWebhookSubscription(
        [Description(CallbackDoc)] string callback_url,
        [Description(DataTypeDoc), AllowedValuesFrom(AllowedValuesSource.WebhookDataTypes)] string data_type,
        [Description(EventTypeDoc), AllowedValuesFrom(AllowedValuesSource.WebhookEventTypes)] string event_type,
        CancellationToken cancellationToken = default)
    {
        var created = await webhooks.CreateAsync(new CreateWebhookSubscriptionRequest
        {
            CallbackUrl = Callback(callback_url),
            VerificationToken = VerificationToken(),
            DataType = new OuraEnum<WebhookDataType>(data_type),
            EventType = new OuraEnum<WebhookOperation>(event_type),
        }, cancellationToken).ConfigureAwait(false);
        return Answer("Created webhook subscription", [created]);
    }

    [McpServerTool(Name = "update_webhook_subscription", Title = "Update webhook subscription", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WebhookRow>))]
    [Description("Changes the callback URL, data type or event type of one of the Oura app's webhook subscriptions; what is left out stays as it is.")]
    public async Task<CallToolResult> UpdateWebhookSubscription(
        [Description(IdDoc)] string id,
        [Description(CallbackDoc)] string? callback_url = null,
        [Description(DataTypeDoc), AllowedValuesFrom(AllowedValuesSource.WebhookDataTypes)] string? data_type = null,
        [Description(EventTypeDoc), AllowedValuesFrom(AllowedValuesSource.WebhookEventTypes)] string? event_type = null,
        CancellationToken cancellationToken = default)
    {
        var updated = await webhooks.UpdateAsync(Id(id), new UpdateWebhookSubscriptionRequest
        {
            VerificationToken = VerificationToken(),
            CallbackUrl = callback_url is null ? null : Callback(callback_url),
            DataType = data_type is null ? null : new OuraEnum<WebhookDataType>(data_type),
            EventType = event_type is null ? null : new OuraEnum<WebhookOperation>(event_type),
        }, cancellationToken).ConfigureAwait(false);
        return Answer("Updated webhook subscription", [updated]);
    }

    [McpServerTool(Name = "renew_webhook_subscription", Title = "Renew webhook subscription", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ListAnswer<WebhookRow>))]
    [Description("Pushes back the expiry of one of the Oura app's webhook subscriptions; the answer shows the new expiry.")]
    public async Task<CallToolResult> RenewWebhookSubscription([Description(IdDoc)] string id, CancellationToken cancellationToken = default) =>
        Answer("Renewed webhook subscription", [await webhooks.RenewAsync(Id(id), cancellationToken).ConfigureAwait(false)]);

    [McpServerTool(Name = "delete_webhook_subscription", Title = "Delete webhook subscription", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(WebhookDeletion))]
    [Description("Deletes one of the Oura app's webhook subscriptions: Oura stops delivering its events. Cannot be undone (create it again instead).")]
    public async Task<CallToolResult> DeleteWebhookSubscription([Description(IdDoc)] string id, CancellationToken cancellationToken = default)
    {
        await webhooks.DeleteAsync(Id(id), cancellationToken).ConfigureAwait(false);
        var answer = new WebhookDeletion { Deleted = id };
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = $"Deleted webhook subscription {id}: Oura delivers none of its events any more." }],
            StructuredContent = JsonSerializer.SerializeToElement(answer, ServerJsonContext.Default.WebhookDeletion),
        };
    }

    private static CallToolResult Answer(string title, IReadOnlyList<WebhookSubscription> subscriptions)
    {
        var (answer, text) = WebhookTable.Of(title, subscriptions);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(answer, ServerJsonContext.Default.ListAnswerWebhookRow),
        };
    }

    private string VerificationToken() => app.VerificationToken ?? throw new McpException(WebhookEnsure.CreateNeedsToken);

    private static string Id(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new Querying.ToolInputException("id is empty: pass a subscription id from list_webhook_subscriptions.") : id.Trim();

    private static string Callback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.AbsoluteUri
            : throw new Querying.ToolInputException($"callback_url must be an absolute https URL, not '{Querying.Echo.Short(url)}'.");
}
