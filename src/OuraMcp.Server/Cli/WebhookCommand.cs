using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Cli;

/// <summary>Which <c>webhooks</c> subcommand was asked for.</summary>
public enum WebhookVerb
{
    List,
    Create,
    Update,
    Delete,
    Renew,
    Ensure,
}

/// <summary>A parsed <c>webhooks</c> command: the verb, the subscription id it acts on, and its options.</summary>
public sealed record WebhookCommand
{
    public const string Usage = "webhooks list | create --callback-url URL --data-type T --event-type E | update <id> [--callback-url URL] " +
                                "[--data-type T] [--event-type E] | delete <id> | renew <id> | ensure --callback-url URL";

    public required WebhookVerb Verb { get; init; }

    public string? Id { get; init; }

    public string? CallbackUrl { get; init; }

    public string? DataType { get; init; }

    public string? EventType { get; init; }

    internal static WebhookVerb ParseVerb(string text) => text switch
    {
        "list" => WebhookVerb.List,
        "create" => WebhookVerb.Create,
        "update" => WebhookVerb.Update,
        "delete" => WebhookVerb.Delete,
        "renew" => WebhookVerb.Renew,
        "ensure" => WebhookVerb.Ensure,
        _ => throw new UsageException($"Unknown webhooks command '{text}'. Usage: OuraMcp.Server {Usage}."),
    };

    internal static bool TakesId(WebhookVerb verb) => verb is WebhookVerb.Update or WebhookVerb.Delete or WebhookVerb.Renew;

    /// <summary>Checks what the verb needs, once the whole command line is read.</summary>
    internal WebhookCommand Checked()
    {
        if (TakesId(Verb) && string.IsNullOrWhiteSpace(Id)) throw new UsageException($"webhooks {Verb.ToString().ToLowerInvariant()} needs a subscription id (see `webhooks list`).");
        if (Verb is WebhookVerb.Create or WebhookVerb.Ensure && CallbackUrl is null) throw new UsageException($"webhooks {Verb.ToString().ToLowerInvariant()} needs --callback-url URL.");
        if (Verb is WebhookVerb.Create && (DataType is null || EventType is null)) throw new UsageException("webhooks create needs --data-type and --event-type.");
        if (CallbackUrl is not null && !(Uri.TryCreate(CallbackUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new UsageException($"--callback-url takes an absolute https URL, not '{CallbackUrl}'.");
        Known<WebhookDataType>(DataType, "--data-type");
        Known<WebhookOperation>(EventType, "--event-type");
        return this;
    }

    private static void Known<TEnum>(string? value, string option) where TEnum : struct, Enum
    {
        if (value is not null && OuraEnumNames<TEnum>.TryParse(value) is null)
            throw new UsageException($"{option} takes one of {string.Join(", ", OuraEnumNames<TEnum>.All)}, not '{value}'.");
    }
}
