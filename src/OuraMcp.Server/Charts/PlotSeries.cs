namespace OuraMcp.Server.Charts;

/// <summary>
/// What the plot tool draws: one series of values at local wall-clock times (the person's time zone), split into
/// runs wherever data is missing, so a gap is drawn as a gap and never bridged by a line.
/// </summary>
/// <param name="Title">The chart's title: what, over which range, in which time zone.</param>
/// <param name="YLabel">The value axis: the measure and its unit.</param>
/// <param name="XLabel">The time axis, naming the time zone.</param>
/// <param name="Runs">Consecutive points without a gap between them, oldest first.</param>
/// <param name="Daily">Whether the points are days (else instants).</param>
public sealed record PlotSeries(string Title, string YLabel, string XLabel, IReadOnlyList<IReadOnlyList<PlotPoint>> Runs, bool Daily)
{
    public int Points => Runs.Sum(r => r.Count);

    /// <summary>Splits points (oldest first) into runs where two neighbours are further apart than <paramref name="maxStep"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<PlotPoint>> Split(IEnumerable<PlotPoint> points, TimeSpan maxStep)
    {
        var runs = new List<IReadOnlyList<PlotPoint>>();
        List<PlotPoint>? run = null;
        foreach (var point in points)
        {
            if (run is null || point.At - run[^1].At > maxStep) runs.Add(run = []);
            run.Add(point);
        }

        return runs;
    }
}

/// <summary>One value at a local wall-clock time.</summary>
public readonly record struct PlotPoint(DateTime At, double Value);
