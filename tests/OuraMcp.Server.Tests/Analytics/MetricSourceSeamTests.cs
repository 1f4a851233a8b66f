using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using OuraMcp.Server.Analytics;
using OuraMcp.Server.People;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Querying;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Analytics;

/// <summary>
/// The analytics read only through <see cref="IDailyMetricSource"/>: another source (a history store) registered in
/// its place serves every tool, and the tools ask it for exactly the ranges they analyse.
/// </summary>
public sealed class MetricSourceSeamTests
{
    [Fact]
    public async Task Another_metric_source_serves_the_tools_with_the_ranges_they_need()
    {
        var source = new LineSource();
        var settings = new ServerSettings { AccessToken = "x", TimeZone = TimeZoneInfo.FindSystemTimeZoneById(ServerHarness.Zone) };
        await using var server = await InProcessServer.StartAsync(settings, services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(ServerHarness.Now));
            services.AddSingleton<IDailyMetricSource>(source);
        });

        var trend = (await server.Client.CallToolAsync("trend", ServerHarness.Arguments(new { metric = "activity.steps", start_date = "2026-01-01", end_date = "2026-03-01" }))).Structured();
        await server.Client.CallToolAsync("anomalies", ServerHarness.Arguments(new { metric = "readiness.score", start_date = "2026-02-01", end_date = "2026-03-01", window = 14 }));

        trend.GetProperty("slope_per_week").Num("value").Should().Be(14, "the source's line rises 2 a day");
        trend.GetProperty("missing_days").GetInt32().Should().Be(LineSource.Gaps(new DayRange(new(2026, 1, 1), new(2026, 3, 1))));
        source.Asked.Should().Equal(
            ("activity.steps", new DayRange(new(2026, 1, 1), new(2026, 3, 1))),
            ("readiness.score", new DayRange(new(2026, 1, 18), new(2026, 3, 1))));
    }

    /// <summary>A straight line, 2 a day, with every fifth day missing.</summary>
    private sealed class LineSource : IDailyMetricSource
    {
        public List<(string, DayRange)> Asked { get; } = [];

        public static int Gaps(DayRange range) => range.EachDay().Count(d => d.DayNumber % 5 == 0);

        public Task<DailySeries> ReadAsync(Person person, DailyMetric metric, DayRange range, CancellationToken cancellationToken)
        {
            lock (Asked) Asked.Add((metric.Name, range));
            var values = range.EachDay().Where(d => d.DayNumber % 5 != 0).ToDictionary(d => d, d => 2.0 * d.DayNumber);
            return Task.FromResult(new DailySeries(metric, range, values));
        }

        public Task<TagDays> ReadTagAsync(Person person, string tag, DayRange range, CancellationToken cancellationToken) =>
            Task.FromResult(new TagDays(new HashSet<DateOnly>(), [], []));
    }
}
