using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.Server.Hosting;

namespace OuraMcp.Server.Webhooks;

/// <summary>
/// The webhook receiver on the hosted endpoint, in every <c>--auth</c> mode, when the Oura app's credentials are set
/// and a history is kept: the inbox and the history in the history store's database (<c>OURA_HISTORY_STORE</c>), the processor as a hosted
/// service, and <c>/webhooks/oura</c>. Registrations made before (tests: the store, the options) win.
/// </summary>
public static class WebhookComposition
{
    public static IServiceCollection AddOuraWebhooks(this IServiceCollection services, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = settings.AccountEnvironment ?? Environment.GetEnvironmentVariable;
        var options = services.LastOrDefault(d => d.ServiceType == typeof(WebhookReceiverOptions))?.ImplementationInstance as WebhookReceiverOptions
                      ?? WebhookReceiverOptions.FromEnvironment(environment);
        if (options is null) return services;

        // Events are kept in the history's database and applied to it: no history kept, no receiver. Never a history
        // started by surprise in the user's configuration folder.
        if (!services.Any(d => d.ServiceType == typeof(IHistoryStore)))
        {
            if (HistoryStores.OpenIfKept(environment) is not { } kept) return services;
            services.AddSingleton(kept);
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => sp.GetRequiredService<IHistoryStore>() as IWebhookInbox
            ?? throw new InvalidOperationException("The history store keeps no webhook inbox."));
        services.AddSingleton<WebhookRecipients>();
        services.AddSingleton<WebhookProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookProcessor>());
        return services;
    }

    /// <summary>Maps <c>/webhooks/oura</c> when <see cref="AddOuraWebhooks"/> enabled the receiver.</summary>
    public static WebApplication MapOuraWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<WebhookReceiverOptions>() is not null) WebhookEndpoints.Map(app);
        return app;
    }
}
