using ModelContextProtocol.Protocol;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Charts;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;
using SkiaSharp;

namespace OuraMcp.Server.Tests.Charts;

/// <summary>
/// The plot tool's PNGs, decoded with SkiaSharp. The golden image is compared with a tolerance (fonts and anti-aliasing
/// differ a little between machines); after a deliberate change to the chart, regenerate it with
/// <c>UPDATE_GOLDEN_IMAGES=1 dotnet test tests/OuraMcp.Server.Tests --filter FullyQualifiedName~PlotTests</c> and look at it.
/// </summary>
public sealed class PlotTests
{
    private static readonly SKColor LineColor = SKColor.Parse("#2f6fdf");

    private static string GoldenPath => Path.Combine(RepositoryPaths.TestProject, "Charts", "golden", "plot-readiness-score.png");

    [Fact]
    public async Task A_daily_metric_is_one_png_of_the_stated_size_with_its_line_and_a_caption_counting_its_days()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("plot", new { metric = "readiness.score", start_date = "2026-02-01", end_date = "2026-03-01" });

        var days = Truth.On(OuraCatalog.DailyReadiness, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)).Count(r => r.Score is not null);
        result.IsError.Should().NotBe(true, result.Text());
        var answer = result.StructuredContent!.Value;
        answer.GetProperty("points").GetInt32().Should().Be(days);
        answer.GetProperty("runs").GetInt32().Should().Be(1, "the demo person has every day");
        answer.GetProperty("unit").GetString().Should().Be("Readiness score 1-100");
        answer.GetProperty("time_zone").GetString().Should().Be(ServerHarness.Zone);
        result.Text().Should().Contain($"{days} points").And.Contain("2026-02-01 to 2026-03-01 (Europe/Helsinki)");
        using var image = Png(result);
        image.Width.Should().Be(PngChart.Width);
        image.Height.Should().Be(PngChart.Height);
        Count(image, LineColor).Should().BeGreaterThan(1000, "the line is drawn");
        Count(image, SKColors.White).Should().BeLessThan(image.Width * image.Height * 98 / 100, "there is more than background");
    }

    [Fact]
    public async Task The_daily_chart_matches_its_golden_image()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("plot", new { metric = "readiness.score", start_date = "2026-02-01", end_date = "2026-03-01" });
        var bytes = result.Content.OfType<ImageContentBlock>().Single().DecodedData.ToArray();
        File.WriteAllBytes(HeadlessChromium.ScreenshotPath("plot-readiness-score"), bytes);

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN_IMAGES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(GoldenPath)!);
            File.WriteAllBytes(GoldenPath, bytes);
        }

        using var golden = SKBitmap.Decode(GoldenPath);
        using var actual = SKBitmap.Decode(bytes);
        // At most 0.2% of the pixels (640 of 320,000) may differ: room for anti-aliasing and font hinting, not for a change
        // of what is drawn (markers a few pixels larger already differ in about 0.4%).
        DifferentPixelRatio(golden, actual).Should().BeLessThan(0.002, $"the chart drifted from {GoldenPath}; if on purpose, regenerate it with UPDATE_GOLDEN_IMAGES=1");
    }

    [Fact]
    public async Task Heart_rate_is_drawn_as_five_minute_means_of_the_last_24_hours()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("plot", new { metric = "heart_rate" });

        var zone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone);
        var buckets = Truth.Of(OuraCatalog.HeartRate)
            .Where(s => s.Timestamp >= ServerHarness.Now.AddHours(-24) && s.Timestamp < ServerHarness.Now)
            .Select(s => TimeZoneInfo.ConvertTime(s.Timestamp, zone).DateTime)
            .Select(t => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute / 5 * 5, 0))
            .Distinct().Count();
        buckets.Should().BeGreaterThan(100);
        result.Text().Should().Contain($"{buckets} points").And.Contain("bpm");
        using var image = Png(result);
        Count(image, LineColor).Should().BeGreaterThan(1000);
    }

    [Fact]
    public async Task Days_without_a_value_are_counted_and_left_as_gaps()
    {
        await using var server = await ServerHarness.StartAsync();
        var (first, last) = (ServerHarness.Today.AddDays(-29), ServerHarness.Today);

        var result = await server.CallAsync("plot", new { metric = "vo2_max.vo2_max", start_date = $"{first:yyyy-MM-dd}", end_date = $"{last:yyyy-MM-dd}" });

        // VO2 max is estimated on some days only: the runs are the stretches of consecutive days that have one.
        var days = Truth.On(OuraCatalog.VO2Max, first, last).Select(v => v.Day).Distinct().Order().ToList();
        var runs = days.Where((d, i) => i == 0 || days[i - 1] != d.AddDays(-1)).Count();
        runs.Should().BeGreaterThan(1, "the demo person has days without an estimate");
        var answer = result.StructuredContent!.Value;
        answer.GetProperty("points").GetInt32().Should().Be(days.Count);
        answer.GetProperty("runs").GetInt32().Should().Be(runs);
        answer.GetProperty("unit").GetString().Should().Be("VO2 max, ml/kg/min");
        answer.GetProperty("notice").GetString().Should().Contain($"{30 - days.Count} of 30 days have no value and are left as gaps");
        using var image = Png(result);
        Count(image, LineColor).Should().BeGreaterThan(0, "a day between two gaps is drawn as a marker");
    }

    [Fact]
    public void Missing_days_leave_the_line_broken()
    {
        var start = new DateTime(2026, 3, 1);
        var points = Enumerable.Range(0, 20).Where(d => d is < 8 or >= 13).Select(d => new PlotPoint(start.AddDays(d), 50));
        var series = new PlotSeries("gaps", "value", "day", PlotSeries.Split(points, TimeSpan.FromDays(1)), Daily: true);

        using var image = SKBitmap.Decode(PngChart.Render(series));

        series.Runs.Select(r => r.Count).Should().Equal(8, 7);
        // The value is constant, so the line is one row of the image: along it, two stretches of line with a gap between.
        var row = Enumerable.Range(0, image.Height).MaxBy(y => Enumerable.Range(0, image.Width).Count(x => Near(image.GetPixel(x, y), LineColor)));
        Stretches(image, row).Should().Be(2);
    }

    [Fact]
    public async Task An_unknown_metric_is_an_error_naming_the_metrics_there_are()
    {
        await using var server = await ServerHarness.StartAsync();

        var result = await server.CallAsync("plot", new { metric = "nope" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("sleep.main.average_hrv");
        result.Content.OfType<ImageContentBlock>().Should().BeEmpty();
    }

    private static SKBitmap Png(CallToolResult result)
    {
        var image = result.Content.OfType<ImageContentBlock>().Should().ContainSingle().Subject;
        image.MimeType.Should().Be("image/png");
        return SKBitmap.Decode(image.DecodedData.ToArray()) ?? throw new InvalidOperationException("not a PNG SkiaSharp can decode");
    }

    private static bool Near(SKColor a, SKColor b, int tolerance = 40) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;

    private static int Count(SKBitmap image, SKColor color) =>
        image.Pixels.Count(p => Near(p, color, color == SKColors.White ? 0 : 40));

    private static int Stretches(SKBitmap image, int row)
    {
        var (stretches, inside, blank) = (0, false, 0);
        for (var x = 0; x < image.Width; x++)
        {
            if (Near(image.GetPixel(x, row), LineColor))
            {
                if (!inside && (stretches == 0 || blank > 3)) stretches++;
                (inside, blank) = (true, 0);
            }
            else
            {
                (inside, blank) = (false, blank + 1);
            }
        }

        return stretches;
    }

    /// <summary>The share of pixels whose colour differs by more than a little in any channel.</summary>
    private static double DifferentPixelRatio(SKBitmap expected, SKBitmap actual)
    {
        actual.Width.Should().Be(expected.Width);
        actual.Height.Should().Be(expected.Height);
        var (a, b) = (expected.Pixels, actual.Pixels);
        var different = a.Zip(b).Count(p => !Near(p.First, p.Second, 48));
        return (double)different / a.Length;
    }
}
