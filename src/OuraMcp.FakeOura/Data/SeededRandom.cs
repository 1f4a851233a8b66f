using System.Globalization;
using System.Text;

namespace OuraMcp.FakeOura.Data;

/// <summary>
/// A small deterministic generator (SplitMix64) seeded from a stable hash of strings, so a synthetic person is the same
/// on every run and machine. <see cref="string.GetHashCode()"/> and <see cref="Random"/> promise neither.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>A generator for one stream of one day: independent of every other stream and day.</summary>
    public static SeededRandom For(int seed, string personId, string stream, DateOnly day) =>
        new(StableHash.Of(seed, personId, stream, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static SeededRandom For(int seed, string personId, string stream) => new(StableHash.Of(seed, personId, stream));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Int(int min, int maxExclusive) => min + (int)(NextDouble() * (maxExclusive - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Normal(double mean, double sd)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count)];
}

/// <summary>FNV-1a (64 bit) over UTF-8 text: stable across processes, runtimes and machines.</summary>
internal static class StableHash
{
    public static ulong Of(int seed, params string[] parts)
    {
        var hash = 0xCBF29CE484222325UL;
        Mix(ref hash, seed.ToString(CultureInfo.InvariantCulture));
        foreach (var part in parts) Mix(ref hash, part);
        return hash;
    }

    private static void Mix(ref ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0x1F;
        hash *= 0x100000001B3UL;
    }

    /// <summary>An Oura-like document id (UUID-shaped, version 4 bits set) derived from the parts.</summary>
    public static string Id(int seed, params string[] parts)
    {
        var high = new SeededRandom(Of(seed, parts)).NextUInt64();
        var low = new SeededRandom(Of(seed ^ 0x5bd1e995, parts)).NextUInt64();
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var hex = high.ToString("x16", CultureInfo.InvariantCulture) + low.ToString("x16", CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
