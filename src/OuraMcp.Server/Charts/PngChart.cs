using System.Globalization;
using ScottPlot;

namespace OuraMcp.Server.Charts;

/// <summary>
/// Draws a <see cref="PlotSeries"/> as a PNG with ScottPlot. The only place that touches ScottPlot (and SkiaSharp):
/// nothing calls it before the plot tool does, so stdio's start never loads either.
/// </summary>
public static class PngChart
{
    public const int Width = 800;

    public const int Height = 400;

    public const string MimeType = "image/png";

    private static readonly Color Line = Color.FromHex("#2f6fdf");

    public static byte[] Render(PlotSeries series)
    {
        var plot = new Plot();
        try
        {
            // One scatter per run: a missing day or a pause in the samples leaves the line broken there.
            foreach (var run in series.Runs)
            {
                var scatter = plot.Add.Scatter(run.Select(p => p.At.ToOADate()).ToArray(), run.Select(p => p.Value).ToArray(), Line);
                scatter.LineWidth = 2;
                scatter.MarkerSize = series.Daily || run.Count == 1 ? 5 : 0;
            }

            // ISO dates and 24-hour times whatever the machine's culture: the axis is already in the person's time zone.
            if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            {
                ticks.LabelFormatter = at => at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "HH:mm", CultureInfo.InvariantCulture);
            }

            plot.Title(series.Title, 14);
            plot.YLabel(series.YLabel, 12);
            plot.XLabel(series.XLabel, 12);
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
