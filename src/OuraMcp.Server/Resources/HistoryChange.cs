using OuraMcp.Oura.Catalog;

namespace OuraMcp.Server.Resources;

/// <summary>The history of one person changed: these collections, on these of their local days (a webhook's change, a sync).</summary>
/// <param name="PersonId">The person's internal id, as <see cref="People.Person.Id"/> (never a token).</param>
/// <param name="Collections">What changed, per collection.</param>
public sealed record HistoryChange(string PersonId, IReadOnlyList<ChangedDays> Collections);

/// <summary>One collection's changed local days.</summary>
public sealed record ChangedDays(OuraCollection Collection, IReadOnlySet<DateOnly> Days);

/// <summary>
/// Where a change to a person's history is announced, so that their sessions and listen streams subscribed to an
/// affected <c>oura://</c> resource hear of it, on whichever instance they are connected to.
/// </summary>
public interface IHistoryChanges
{
    Task AnnounceAsync(HistoryChange change, CancellationToken cancellationToken);
}

/// <summary>One process (stdio, or a hosted endpoint without a shared PostgreSQL): its own subscribers are all there are.</summary>
internal sealed class LocalHistoryChanges(ResourceSubscriptions subscriptions) : IHistoryChanges
{
    public Task AnnounceAsync(HistoryChange change, CancellationToken cancellationToken) => subscriptions.NotifyChangedAsync(change, cancellationToken);
}
