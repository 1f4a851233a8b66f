namespace OuraMcp.History.Storage;

/// <summary>Sets of local days kept as sorted, merged intervals.</summary>
public static class DayIntervals
{
    /// <summary>The intervals in order, with overlapping and adjacent ones merged.</summary>
    public static IReadOnlyList<DayInterval> Merge(IEnumerable<DayInterval> intervals)
    {
        var merged = new List<DayInterval>();
        foreach (var next in intervals.OrderBy(i => i.First))
        {
            if (merged.Count > 0 && next.First.DayNumber <= merged[^1].Last.DayNumber + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { Last = next.Last > last.Last ? next.Last : last.Last };
            }
            else
            {
                merged.Add(next);
            }
        }
        return merged;
    }

    /// <summary>The days of <paramref name="range"/> not in <paramref name="covered"/> (merged, in order), as intervals in order.</summary>
    public static IReadOnlyList<DayInterval> Subtract(DayInterval range, IReadOnlyList<DayInterval> covered)
    {
        var gaps = new List<DayInterval>();
        var cursor = range.First;
        foreach (var interval in covered)
        {
            if (interval.Last < cursor) continue;
            if (interval.First > range.Last) break;
            if (interval.First > cursor) gaps.Add(new DayInterval(cursor, interval.First.AddDays(-1)));
            if (interval.Last >= range.Last) return gaps;
            cursor = interval.Last.AddDays(1);
        }
        gaps.Add(new DayInterval(cursor, range.Last));
        return gaps;
    }

    /// <summary>The intervals (merged, in order) without the given days.</summary>
    public static IReadOnlyList<DayInterval> Without(IReadOnlyList<DayInterval> intervals, IEnumerable<DateOnly> days)
    {
        var result = intervals.ToList();
        foreach (var day in days)
        {
            var index = result.FindIndex(i => i.Contains(day));
            if (index < 0) continue;
            var hit = result[index];
            result.RemoveAt(index);
            if (day < hit.Last) result.Insert(index, hit with { First = day.AddDays(1) });
            if (day > hit.First) result.Insert(index, hit with { Last = day.AddDays(-1) });
        }
        return result;
    }

    /// <summary><paramref name="interval"/> cut into pieces of at most <paramref name="days"/> days, in order.</summary>
    public static IEnumerable<DayInterval> Chunk(DayInterval interval, int days)
    {
        for (var first = interval.First; first <= interval.Last; first = first.AddDays(days))
        {
            var last = first.AddDays(days - 1);
            yield return new DayInterval(first, last < interval.Last ? last : interval.Last);
        }
    }
}
