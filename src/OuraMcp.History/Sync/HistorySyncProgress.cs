namespace OuraMcp.History.Sync;

/// <summary>
/// Where a sync stands after a window was stored (or a collection skipped): windows done of the run's total, and
/// the collection it was in.
/// </summary>
public sealed record HistorySyncProgress(string Collection, int WindowsDone, int WindowsTotal, int Documents, int Calls, string? Skipped = null);

/// <summary>What one collection's sync did.</summary>
public sealed record CollectionSyncResult(string Collection, int Windows, int Documents, int Calls, string? Skipped);

/// <summary>What a sync did: per collection, and the days it covered.</summary>
public sealed record HistorySyncReport(DateOnly FirstDay, DateOnly Today, IReadOnlyList<CollectionSyncResult> Collections)
{
    public int Calls => Collections.Sum(c => c.Calls);

    public int Documents => Collections.Sum(c => c.Documents);
}
