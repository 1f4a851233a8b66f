using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Webhooks;

/// <summary>One thing <see cref="WebhookEnsure"/> did or found (created, renewed or kept), for its printout.</summary>
public sealed record WebhookEnsureStep(string Outcome, string DataType, string EventType, string Id, DateTimeOffset Expires);

/// <summary>What one run of <see cref="WebhookEnsure.RunAsync"/> did, subscription by subscription.</summary>
public sealed record WebhookEnsureReport(IReadOnlyList<WebhookEnsureStep> Steps)
{
    public int Count(string outcome) => Steps.Count(s => s.Outcome == outcome);

    /// <summary>The earliest expiry among the subscriptions the history relies on; null when there are none.</summary>
    public DateTimeOffset? NextExpiry => Steps.Count == 0 ? null : Steps.Min(s => s.Expires);
}

/// <summary>
/// Makes sure the app has what the history needs at one callback URL: a subscription per data type of the catalog's
/// collections and per event type (create, update, delete), each far enough from expiry. Creates what is missing,
/// renews what expires within <see cref="RenewWithin"/>, keeps the rest; it never deletes, so subscriptions at other
/// URLs or of other kinds (someone else's) are left alone, and a second run changes nothing.
/// </summary>
public sealed class WebhookEnsure(IOuraWebhookClient webhooks, TimeProvider time)
{
    public const string CreateNeedsToken =
        "Creating a webhook subscription needs the verification token Oura sends back to the callback: set " + OuraApp.VerificationTokenVariable +
        " to a random value (the receiver checks it too).";

    /// <summary>Renewed when closer than this to expiry: a week leaves room for a server that was down for days.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(7);

    /// <summary>Every (data type, event type) the history follows: the catalog's collections that Oura reports by webhook.</summary>
    public static IReadOnlyList<(string DataType, string EventType)> Needed { get; } =
    [
        .. from collection in OuraCatalog.All
           where collection.WebhookDataType is not null
           from eventType in OuraEnumNames<WebhookOperation>.All
           select (collection.WebhookDataType!, eventType),
    ];

    /// <summary>
    /// One pass at <paramref name="callback"/> (the receiver's URL, e.g. <c>https://host/webhooks/oura</c>). The
    /// <paramref name="verificationToken"/> goes with each create; without one, the pass fails only if something must be created.
    /// </summary>
    public async Task<WebhookEnsureReport> RunAsync(Uri callback, string? verificationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var url = callback.AbsoluteUri;
        var existing = (await webhooks.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => SameUrl(s.CallbackUrl, url))
            .ToList();
        if (verificationToken is null && Needed.Any(n => !existing.Any(s => Matches(s, n)))) throw new WebhookSetupException(CreateNeedsToken);

        var steps = new List<WebhookEnsureStep>();
        foreach (var (dataType, eventType) in Needed)
        {
            var matching = existing.Where(s => Matches(s, (dataType, eventType))).ToList();
            if (matching.Count == 0)
            {
                var created = await webhooks.CreateAsync(new CreateWebhookSubscriptionRequest
                {
                    CallbackUrl = url,
                    VerificationToken = verificationToken!,
                    DataType = new OuraEnum<WebhookDataType>(dataType),
                    EventType = new OuraEnum<WebhookOperation>(eventType),
                }, cancellationToken).ConfigureAwait(false);
                steps.Add(Step("created", created));
                continue;
            }

            foreach (var subscription in matching)
            {
                if (subscription.ExpirationTime - time.GetUtcNow() <= RenewWithin)
                {
                    steps.Add(Step("renewed", await webhooks.RenewAsync(subscription.Id, cancellationToken).ConfigureAwait(false)));
                }
                else
                {
                    steps.Add(Step("kept", subscription));
                }
            }
        }

        return new WebhookEnsureReport(steps);
    }

    private static bool Matches(WebhookSubscription subscription, (string DataType, string EventType) needed) =>
        subscription.DataType.Value == needed.DataType && subscription.EventType.Value == needed.EventType;

    private static bool SameUrl(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var left) && Uri.TryCreate(b, UriKind.Absolute, out var right)
            ? Uri.Compare(left, right, UriComponents.AbsoluteUri, UriFormat.SafeUnescaped, StringComparison.Ordinal) == 0
            : string.Equals(a, b, StringComparison.Ordinal);

    private static WebhookEnsureStep Step(string outcome, WebhookSubscription s) =>
        new(outcome, s.DataType.Value, s.EventType.Value, s.Id, s.ExpirationTime);
}

/// <summary>The webhook set-up cannot go on as configured; the message says what to set.</summary>
public sealed class WebhookSetupException(string message) : Exception(message);
