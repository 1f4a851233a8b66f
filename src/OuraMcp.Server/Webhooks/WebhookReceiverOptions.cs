using System.Globalization;

namespace OuraMcp.Server.Webhooks;

/// <summary>
/// What the webhook receiver needs: the app's client secret (Oura signs every event with it), the verification token
/// given when subscribing, and its limits. A class, not a record, so that no generated <c>ToString</c> prints a secret.
/// </summary>
public sealed class WebhookReceiverOptions
{
    public const string VerificationTokenVariable = "OURA_WEBHOOK_VERIFICATION_TOKEN";

    /// <summary>For tests of crash safety only: how long the processor waits before it takes events from the queue.</summary>
    public const string ProcessingDelayVariable = "OURA_MCP_WEBHOOK_TEST_DELAY_MS";

    /// <summary>The key of <c>x-oura-signature</c>'s HMAC. Never logged.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>What Oura's verification GET must carry; null: every verification is refused. Never logged.</summary>
    public string? VerificationToken { get; init; }

    /// <summary>How far <c>x-oura-timestamp</c> may lie from now, either way, before an event counts as stale or replayed.</summary>
    public TimeSpan TimestampWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest event body accepted; Oura's are about 200 bytes.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>How long the processor waits before taking events (a test hook: zero in use).</summary>
    public TimeSpan ProcessingDelay { get; init; }

    /// <summary>How often the processor looks at the queue without being woken (retries due, events another instance kept).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The receiver's settings from <c>OURA_CLIENT_ID</c>/<c>OURA_CLIENT_SECRET</c> (the Oura app's credentials) and
    /// <c>OURA_WEBHOOK_VERIFICATION_TOKEN</c>; null without the app's credentials, when there is nothing to receive.
    /// </summary>
    public static WebhookReceiverOptions? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var secret = environment("OURA_CLIENT_SECRET");
        if (string.IsNullOrWhiteSpace(environment("OURA_CLIENT_ID")) || string.IsNullOrWhiteSpace(secret)) return null;
        var token = environment(VerificationTokenVariable);
        var delay = int.TryParse(environment(ProcessingDelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        return new WebhookReceiverOptions
        {
            ClientSecret = secret,
            VerificationToken = string.IsNullOrWhiteSpace(token) ? null : token,
            ProcessingDelay = TimeSpan.FromMilliseconds(delay),
        };
    }
}
