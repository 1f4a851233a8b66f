namespace OuraMcp.Oura.Http;

/// <summary>
/// The application layer of <see cref="OuraRateBudget"/> when several server instances spend one Oura app's budget:
/// kept where they all see it (a database), instead of in each process. People's own buckets stay in the process:
/// a person's requests are paced wherever they land, and only the application's count must add up across instances.
/// </summary>
public interface ISharedApplicationBudget
{
    /// <summary>
    /// Takes one request from the shared budget if it is free within <paramref name="maxWait"/>, else takes nothing.
    /// Null when the shared budget cannot be asked now (its store is down): the caller falls back to its own.
    /// </summary>
    ValueTask<SharedBudgetAnswer?> TryTakeAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Gives back a request taken by <see cref="TryTakeAsync"/> whose caller gave up before sending it.</summary>
    ValueTask ReturnAsync(CancellationToken cancellationToken);

    /// <summary>Oura answered 429 on the application layer: every instance sends nothing for <paramref name="wait"/> from now.</summary>
    ValueTask BlockAsync(TimeSpan wait, string? tier, CancellationToken cancellationToken);
}

/// <summary>The shared budget's answer to one request.</summary>
/// <param name="Taken">Whether a request was taken (the wait is within the caller's limit).</param>
/// <param name="Wait">How long until the request may be sent.</param>
/// <param name="Available">Requests left that could go now without waiting.</param>
/// <param name="BlockedTier">Oura's tier when the wait comes from its 429 rather than the count; null otherwise.</param>
public readonly record struct SharedBudgetAnswer(bool Taken, TimeSpan Wait, int Available, string? BlockedTier);
