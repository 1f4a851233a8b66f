using System.ComponentModel;
using System.Globalization;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Webhooks;

/// <summary>One webhook subscription of the app, as the tools and the command group show it.</summary>
public sealed record WebhookRow
{
    [Description("The subscription's id (pass it to get, update, renew or delete).")]
    public required string Id { get; init; }

    [Description("The Oura data type it reports (e.g. sleep, daily_readiness).")]
    public required string DataType { get; init; }

    [Description("The change it reports: create, update or delete.")]
    public required string EventType { get; init; }

    [Description("Where Oura delivers the events.")]
    public required string CallbackUrl { get; init; }

    [Description("When it stops unless renewed (UTC, ISO 8601).")]
    public required string Expires { get; init; }

    public static WebhookRow From(WebhookSubscription subscription) => new()
    {
        Id = subscription.Id,
        DataType = subscription.DataType.Value,
        EventType = subscription.EventType.Value,
        CallbackUrl = subscription.CallbackUrl,
        Expires = subscription.ExpirationTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}

/// <summary>What <c>delete_webhook_subscription</c> answers.</summary>
public sealed record WebhookDeletion
{
    [Description("The id of the subscription that was deleted.")]
    public required string Deleted { get; init; }
}
