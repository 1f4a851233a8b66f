using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Cli;

/// <summary>
/// <c>webhooks list|create|update|delete|renew|ensure</c>: the Oura app's webhook subscriptions, managed with the app's
/// credentials (<c>OURA_CLIENT_ID</c>, <c>OURA_CLIENT_SECRET</c>); creating and updating also send
/// <c>OURA_WEBHOOK_VERIFICATION_TOKEN</c>. Neither secret is ever printed.
/// </summary>
public static class WebhookCommands
{
    public static async Task<int> RunAsync(ParsedCommand command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var webhook = command.Webhooks ?? throw new InvalidOperationException("No webhooks command was parsed.");
        var services = new ServiceCollection();
        services.AddLogging();
        OuraApp.AddOuraWebhooks(services, command.Settings);
        var provider = services.BuildServiceProvider();
        await using var providerDisposal = provider.ConfigureAwait(false);
        if (provider.GetService<OuraApp>() is not { } app)
        {
            await error.WriteLineAsync("Webhook subscriptions belong to the Oura app: set OURA_CLIENT_ID and OURA_CLIENT_SECRET to its values from Oura's developer portal.")
                .ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var client = provider.GetRequiredService<IOuraWebhookClient>();
        try
        {
            switch (webhook.Verb)
            {
                case WebhookVerb.List:
                    await output.WriteLineAsync(WebhookTable.Of("Webhook subscriptions of the app", await client.ListAsync(cancellationToken).ConfigureAwait(false)).Text)
                        .ConfigureAwait(false);
                    break;
                case WebhookVerb.Create:
                    var created = await client.CreateAsync(new CreateWebhookSubscriptionRequest
                    {
                        CallbackUrl = webhook.CallbackUrl!,
                        VerificationToken = app.VerificationToken ?? throw new WebhookSetupException(WebhookEnsure.CreateNeedsToken),
                        DataType = new OuraEnum<WebhookDataType>(webhook.DataType!),
                        EventType = new OuraEnum<WebhookOperation>(webhook.EventType!),
                    }, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(WebhookTable.Of("Created webhook subscription", [created]).Text).ConfigureAwait(false);
                    break;
                case WebhookVerb.Update:
                    var updated = await client.UpdateAsync(webhook.Id!, new UpdateWebhookSubscriptionRequest
                    {
                        VerificationToken = app.VerificationToken ?? throw new WebhookSetupException(WebhookEnsure.CreateNeedsToken),
                        CallbackUrl = webhook.CallbackUrl,
                        DataType = webhook.DataType is null ? null : new OuraEnum<WebhookDataType>(webhook.DataType),
                        EventType = webhook.EventType is null ? null : new OuraEnum<WebhookOperation>(webhook.EventType),
                    }, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(WebhookTable.Of("Updated webhook subscription", [updated]).Text).ConfigureAwait(false);
                    break;
                case WebhookVerb.Delete:
                    await client.DeleteAsync(webhook.Id!, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync($"Deleted webhook subscription {webhook.Id}.").ConfigureAwait(false);
                    break;
                case WebhookVerb.Renew:
                    var renewed = await client.RenewAsync(webhook.Id!, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(WebhookTable.Of("Renewed webhook subscription", [renewed]).Text).ConfigureAwait(false);
                    break;
                case WebhookVerb.Ensure:
                    var time = provider.GetRequiredService<TimeProvider>();
                    var report = await new WebhookEnsure(client, time).RunAsync(new Uri(webhook.CallbackUrl!), app.VerificationToken, cancellationToken).ConfigureAwait(false);
                    await WriteReportAsync(report, webhook.CallbackUrl!, output).ConfigureAwait(false);
                    break;
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is OuraApiException or WebhookSetupException)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.ToolError;
        }
    }

    /// <summary>One line per subscription that changed, then the totals.</summary>
    public static async Task WriteReportAsync(WebhookEnsureReport report, string callbackUrl, TextWriter output)
    {
        foreach (var step in report.Steps.Where(s => s.Outcome != "kept"))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{step.Outcome} {step.DataType} {step.EventType} {step.Id}, expires {step.Expires.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            $"Webhook subscriptions at {callbackUrl}: {report.Count("created")} created, {report.Count("renewed")} renewed, {report.Count("kept")} kept as they were; none deleted.")
            .ConfigureAwait(false);
    }
}
