namespace OuraMcp.Testing;

/// <summary>
/// Waits for something another process or thread makes true (a request held at the fake, a connection back, a row
/// written), polling, instead of sleeping a fixed time that a loaded machine can outlast.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; throws, naming <paramref name="what"/>, if it does not within the time.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, within);

    /// <inheritdoc cref="HoldsAsync(Func{bool}, string, TimeSpan?)"/>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (within ?? DefaultWithin);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {(within ?? DefaultWithin).TotalSeconds:0} s: {what}.");
            await Task.Delay(Poll);
        }
    }
}
