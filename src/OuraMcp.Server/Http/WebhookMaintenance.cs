using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OuraMcp.Hosting;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Http;

/// <summary>What the hosted server's webhook upkeep has done so far (for logs, tests and operators).</summary>
public sealed class WebhookUpkeep
{
    private int _passes;

    /// <summary>The receiver's URL the subscriptions point at.</summary>
    public required Uri Callback { get; init; }

    /// <summary>How many passes have ended, well or not.</summary>
    public int Passes => Volatile.Read(ref _passes);

    public WebhookEnsureReport? LastReport { get; private set; }

    /// <summary>Why the last pass failed; null when it succeeded.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>When the next pass is due, on the server's clock.</summary>
    public DateTimeOffset? NextPass { get; private set; }

    internal void Ended(WebhookEnsureReport? report, string? problem, DateTimeOffset nextPass)
    {
        if (report is not null) LastReport = report;
        LastProblem = problem;
        NextPass = nextPass;
        Interlocked.Increment(ref _passes);
    }
}

/// <summary>
/// The hosted server keeps the app's webhook subscriptions in place on its own: it runs <see cref="WebhookEnsure"/>
/// at start (callback <c>&lt;public-url&gt;/webhooks/oura</c>), then again before the earliest expiry comes within
/// <see cref="WebhookEnsure.RenewWithin"/>, and at least daily so a subscription removed elsewhere comes back. Time is
/// the injected <see cref="TimeProvider"/>, so a test can move it.
/// </summary>
internal sealed partial class WebhookMaintenance(IOuraWebhookClient webhooks, OuraApp app, WebhookUpkeep upkeep, TimeProvider time, ILogger<WebhookMaintenance> logger)
    : BackgroundService
{
    /// <summary>The receiver's path on the hosted endpoint.</summary>
    public const string ReceiverPath = "/webhooks/oura";

    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Adds the upkeep when this server is reachable from Oura and acts as the app: <c>--auth oauth</c> (its public URL)
    /// or <c>--auth api-key</c> with <c>OURA_MCP_PUBLIC_URL</c>, and <c>OURA_CLIENT_ID</c>, <c>OURA_CLIENT_SECRET</c> and
    /// <c>OURA_WEBHOOK_VERIFICATION_TOKEN</c> set.
    /// </summary>
    public static IServiceCollection AddWebhookMaintenance(IServiceCollection services, ServerSettings settings, HttpListenOptions listen)
    {
        // Without the verification token nothing can be created, nor can the receiver answer Oura's check: no webhooks then.
        if (OuraApp.From(settings) is not { VerificationToken: not null } || listen.Auth is EndpointAuth.None) return services;
        var publicUrl = listen.PublicUrl ?? PublicUrl(settings.AccountEnvironment?.Invoke(HttpCommandLine.PublicUrlVariable));
        if (publicUrl is null) return services;
        services.AddSingleton(new WebhookUpkeep { Callback = new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + ReceiverPath) });
        services.AddHostedService<WebhookMaintenance>();
        return services;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            WebhookEnsureReport? report = null;
            string? problem = null;
            try
            {
                report = await new WebhookEnsure(webhooks, time).RunAsync(upkeep.Callback, app.VerificationToken, stoppingToken).ConfigureAwait(false);
                LogEnsured(logger, upkeep.Callback.AbsoluteUri, report.Count("created"), report.Count("renewed"), report.Count("kept"));
                wait = report.NextExpiry is { } expiry ? expiry - WebhookEnsure.RenewWithin - time.GetUtcNow() : LongestWait;
                wait = wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait > LongestWait ? LongestWait : wait;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Oura.Errors.OuraApiException or WebhookSetupException or HttpRequestException)
            {
                // The messages of these never carry the client secret or the verification token.
                LogFailed(logger, upkeep.Callback.AbsoluteUri, e.Message);
                problem = e.Message;
                wait = RetryAfterFailure;
            }

            upkeep.Ended(report, problem, time.GetUtcNow() + wait);

            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Uri? PublicUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscriptions at {Callback}: {Created} created, {Renewed} renewed, {Kept} kept")]
    private static partial void LogEnsured(ILogger logger, string callback, int created, int renewed, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the webhook subscriptions at {Callback} in place (retrying in 5 minutes): {Reason}")]
    private static partial void LogFailed(ILogger logger, string callback, string reason);
}
