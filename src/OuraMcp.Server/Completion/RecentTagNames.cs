using System.Collections.Concurrent;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.People;
using OuraMcp.Server.Views;

namespace OuraMcp.Server.Completion;

/// <summary>
/// The tag names a person has used lately, as the Oura app shows them ("late meal" for <c>tag_generic_late_meal</c>,
/// custom names as typed), most used first. A client completes on every keystroke, so a person's names are kept for a
/// few minutes instead of asking Oura each time.
/// </summary>
public sealed class RecentTagNames(TimeProvider time)
{
    /// <summary>How far back a person's tags are read.</summary>
    public const int DaysBack = 90;

    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Task<IReadOnlyList<string>> Names)> _kept = new();

    public async Task<IReadOnlyList<string>> OfAsync(Person person, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _kept.AddOrUpdate(
            person.Id,
            _ => (now, ReadAsync(person, now)),
            (_, old) => now - old.ReadAt < KeptFor && !old.Names.IsFaulted && !old.Names.IsCanceled ? old : (now, ReadAsync(person, now)));
        return await entry.Names.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> ReadAsync(Person person, DateTimeOffset now)
    {
        // Not the asking request's token: a read shared with later keystrokes must not be cancelled by the first.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, person.TimeZone).DateTime);
        var request = OuraListRequest.ForDays(today.AddDays(-(DaysBack - 1)), today, person.TimeZone);
        var enhanced = person.Oura.ListAsync(OuraCatalog.EnhancedTag, request, CancellationToken.None);
        var notes = person.Oura.ListAsync(OuraCatalog.Tag, request, CancellationToken.None);
        var names = (await enhanced.ConfigureAwait(false)).Data.Select(t => ReadinessViews.Text(t.CustomName) ?? ReadinessViews.Text(t.TagTypeCode))
            .Concat((await notes.ConfigureAwait(false)).Data.SelectMany(n => n.Tags))
            .OfType<string>()
            .Select(TagNames.Readable);
        return [.. names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];
    }
}
