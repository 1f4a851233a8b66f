using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using OuraMcp.Hosting.OAuth;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Server.People;
using OuraMcp.Server.Tools;

namespace OuraMcp.Server.Http;

/// <summary>
/// <c>--auth oauth</c>: the Oura app's webhook subscriptions are app administration. Only the people named in
/// <c>OURA_MCP_ADMINS</c> (Oura user ids or emails, comma-separated) get <see cref="AuthorizationServer.AdminScope"/> in
/// their token; the <c>webhooks</c> toolset needs it, so it is neither listed for nor callable by anyone else.
/// </summary>
internal sealed partial class AppAdministrators(IReadOnlyList<string> entries, IServiceProvider services, ILogger<AppAdministrators> logger)
    : IAdminPeople, IScopedTools, IToolAccess
{
    public const string Variable = "OURA_MCP_ADMINS";

    public static IServiceCollection AddAppAdministrators(IServiceCollection services, Func<string, string?> environment)
    {
        var entries = (environment(Variable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.AddSingleton(sp => new AppAdministrators(entries, sp, sp.GetRequiredService<ILogger<AppAdministrators>>()));
        services.AddSingleton<IAdminPeople>(sp => sp.GetRequiredService<AppAdministrators>());
        services.AddSingleton<IScopedTools>(sp => sp.GetRequiredService<AppAdministrators>());
        services.AddSingleton<IToolAccess>(sp => sp.GetRequiredService<AppAdministrators>());
        return services;
    }

    public string? ScopeFor(string toolName) =>
        services.GetRequiredService<ToolCatalog>().TryGet(toolName, out var tool) && IsAdministration(tool) ? AuthorizationServer.AdminScope : null;

    public bool Allows(McpServerTool tool, ClaimsPrincipal? user) =>
        !IsAdministration(tool) || (user is not null && AuthorizationServer.HasScope(user, AuthorizationServer.AdminScope));

    public async ValueTask<bool> IsAdminAsync(string personId, CancellationToken cancellationToken)
    {
        // The person's id is derived from their Oura user id: an id entry is compared in that form, with no Oura call.
        if (entries.Any(e => !e.Contains('@', StringComparison.Ordinal) && OuraUpstreamSignIn.AccountOf(e) == personId)) return true;
        var emails = entries.Where(e => e.Contains('@', StringComparison.Ordinal)).ToList();
        if (emails.Count == 0) return false;

        // An email entry: ask Oura, with the person's own sign-in, which email they have.
        try
        {
            var person = await services.GetRequiredService<IPersonDirectory>().FindAsync(personId, cancellationToken).ConfigureAwait(false);
            if (person is null) return false;
            var info = await services.GetRequiredService<OuraClient>().For(new OuraUser(person.Id, person.OuraTokens))
                .GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false);
            return info.Email is { Length: > 0 } email && emails.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is Oura.Errors.OuraApiException or Accounts.Storage.TokenStoreException)
        {
            LogNoEmail(logger, e.GetType().Name);
            return false;
        }
    }

    private static bool IsAdministration(McpServerTool tool) => ToolSelection.ToolsetOf(tool) == Toolsets.Webhooks;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn a signing-in person's email to check OURA_MCP_ADMINS ({Error}); no admin scope granted")]
    private static partial void LogNoEmail(ILogger logger, string error);
}
