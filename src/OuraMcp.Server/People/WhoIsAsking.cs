using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.People;

/// <summary>
/// The person of the current MCP request: resolved once, from the principal the transport attached
/// (<see cref="MessageContext.User"/>), and kept on the request for everything it runs.
/// </summary>
public static class WhoIsAsking
{
    private const string ItemKey = "OuraMcp.Person";

    /// <summary>Resolves the request's person through the registered <see cref="IPeople"/> and keeps it on the request.</summary>
    public static async ValueTask<Person> ResolveAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var kept) && kept is Person known) return known;
        var people = context.Services?.GetService<IPeople>() ?? throw new InvalidOperationException("No IPeople is registered: compose the server with AddOuraMcpServer.");
        var person = await people.ResolveAsync(context.User, cancellationToken).ConfigureAwait(false);
        context.Items[ItemKey] = person;
        return person;
    }

    /// <summary>The person resolved for this request; resolving it is the call filter's first step, so a tool always finds one.</summary>
    public static Person Of(MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var kept) && kept is Person person
            ? person
            : throw new InvalidOperationException("The request's person was not resolved: tools run inside ToolCallFilter, which resolves it.");
    }
}
