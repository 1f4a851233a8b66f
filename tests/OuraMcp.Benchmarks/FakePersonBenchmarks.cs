using BenchmarkDotNet.Attributes;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;

namespace OuraMcp.Benchmarks;

/// <summary>
/// Building a synthetic person and every collection of theirs, as the demo and most tests do: 400 days (the demo person)
/// beside 100 days, so the figure shows how it scales. It replaced a CPU-time bound in a test.
/// </summary>
public class FakePersonBenchmarks
{
    private static readonly DateOnly LastDay = new(2026, 2, 4);

    [Params(100, 400)]
    public int Days { get; set; }

    [Benchmark(Description = "synthetic person: every collection")]
    public int Build()
    {
        var person = FakePeople.Create("speed", 99, "Europe/Helsinki", LastDay.AddDays(-(Days - 1)), LastDay);
        return OuraCatalog.All.Where(c => !c.IsSingleton).Sum(c => person.Documents(c).Count);
    }
}
