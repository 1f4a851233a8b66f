using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>
/// One sleep period built from its 30-second hypnogram, so every figure Oura derives (durations, efficiency,
/// the 5-minute string, heart rate extremes) agrees with it by construction.
/// </summary>
internal sealed class SleepRecord
{
    public const int EpochSeconds = 30;
    public const int BlockSeconds = 300;

    public required SleepType Type { get; init; }
    public required DateOnly Day { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required string Phases30Sec { get; init; }
    public required string Movement30Sec { get; init; }
    public required string Phases5Min { get; init; }

    /// <summary>Heart rate for each 5-minute block from <see cref="Start"/>.</summary>
    public required double?[] HeartRate { get; init; }
    public required double?[] Hrv { get; init; }
    public required int LatencySeconds { get; init; }
    public required double AverageBreath { get; init; }

    /// <summary>Where in the night (0..1) the heart rate bottoms out; late is poor recovery.</summary>
    public required double DipAt { get; init; }

    public int Epochs => Phases30Sec.Length;
    public int TimeInBed => Epochs * EpochSeconds;
    public DateTimeOffset End => Start.AddSeconds(TimeInBed);
    public required int Deep { get; init; }
    public required int Light { get; init; }
    public required int Rem { get; init; }
    public required int Awake { get; init; }
    public int TotalSleep => Deep + Light + Rem;
    public int Efficiency => Math.Clamp((int)Math.Round(100.0 * TotalSleep / TimeInBed), 1, 100);
    public required int LowestHeartRate { get; init; }
    public required double AverageHeartRate { get; init; }
    public required int AverageHrv { get; init; }
    public required int RestlessPeriods { get; init; }

    /// <summary>Heart rate of the 5-minute block holding <paramref name="instant"/>.</summary>
    public int HeartRateAt(DateTimeOffset instant)
    {
        var block = Math.Clamp((int)((instant - Start).TotalSeconds / BlockSeconds), 0, HeartRate.Length - 1);
        return (int)(HeartRate[block] ?? AverageHeartRate);
    }

    /// <summary>Builds a period of <paramref name="epochs"/> 30-second epochs from <paramref name="start"/>.</summary>
    public static SleepRecord Build(SeededRandom rng, SleepType type, DateOnly day, DateTimeOffset start, int epochs,
        int restingHeartRate, double heartRateBump, double hrvBase, double wakefulness = 1.0)
    {
        var nap = type != SleepType.LongSleep;
        var phases = new char[epochs];
        var latency = type == SleepType.Rest ? rng.Int(16, 40) : nap ? rng.Int(6, 20) : rng.Int(10, 50);
        latency = Math.Min(latency, epochs / 3);
        var finalWake = Math.Min(rng.Int(2, 12), epochs / 6);
        var limit = epochs - finalWake;
        var pos = 0;
        Fill(phases, ref pos, latency, '4', limit);
        for (var cycle = 0; pos < limit; cycle++)
        {
            var length = rng.Int(170, 215);
            var deep = (int)(length * Math.Max(0.03, 0.32 - 0.09 * cycle) * rng.Between(0.8, 1.2));
            var rem = (int)(length * Math.Min(0.42, 0.10 + 0.08 * cycle) * rng.Between(0.8, 1.2));
            // Wakefulness scales the awakenings between cycles: restless nights, alcohol, late caffeine.
            var wake = rng.Chance(type == SleepType.Rest ? 0.9 : 0.75) ? (int)(rng.Int(1, type == SleepType.Rest ? 30 : 24) * wakefulness) : 0;
            var light = Math.Max(10, length - deep - rem - wake);
            Fill(phases, ref pos, light / 2, '2', limit);
            Fill(phases, ref pos, deep, '1', limit);
            Fill(phases, ref pos, light - light / 2, '2', limit);
            Fill(phases, ref pos, rem, '3', limit);
            Fill(phases, ref pos, wake, '4', limit);
        }
        Fill(phases, ref pos, epochs - pos, '4', epochs);

        var movement = new char[epochs];
        for (var i = 0; i < epochs; i++)
        {
            var roll = rng.NextDouble();
            movement[i] = phases[i] switch
            {
                '4' => roll < 0.4 ? '2' : roll < 0.8 ? '3' : '4',
                '2' => roll < 0.88 ? '1' : roll < 0.98 ? '2' : '3',
                '3' => roll < 0.95 ? '1' : '2',
                _ => '1',
            };
        }

        var blocks = (epochs + 9) / 10;
        var phases5 = new char[blocks];
        for (var b = 0; b < blocks; b++) phases5[b] = Mode(phases, b * 10, Math.Min(epochs, b * 10 + 10));

        var dipAt = nap ? 0.5 : rng.Between(0.35, 0.75);
        var heartRate = new double?[blocks];
        var hrv = new double?[blocks];
        var swing = nap ? 3.0 : 9.0;
        for (var b = 0; b < blocks; b++)
        {
            var f = blocks == 1 ? 0.5 : (double)b / (blocks - 1);
            var depth = (f - dipAt) * (f - dipAt) / Math.Pow(Math.Max(dipAt, 1 - dipAt), 2);
            var awake = phases5[b] == '4' ? 4 : 0;
            var hr = Math.Max(38, Math.Round(restingHeartRate + heartRateBump + swing * depth + awake + rng.Normal(0, 1.2)));
            heartRate[b] = hr;
            hrv[b] = rng.Chance(0.04) ? null : Math.Clamp(Math.Round(hrvBase + (restingHeartRate + heartRateBump + 5 - hr) * 2.2 + rng.Normal(0, 5)), 8, 180);
        }

        Span<int> counts = stackalloc int[5];
        var restless = 0;
        for (var i = 0; i < epochs; i++)
        {
            counts[phases[i] - '0']++;
            if (phases[i] != '4' && movement[i] != '1' && (i == 0 || movement[i - 1] == '1')) restless++;
        }
        var hrvValues = hrv.OfType<double>().ToList();
        return new SleepRecord
        {
            Deep = counts[1] * EpochSeconds, Light = counts[2] * EpochSeconds, Rem = counts[3] * EpochSeconds, Awake = counts[4] * EpochSeconds,
            LowestHeartRate = (int)heartRate.Min()!.Value,
            AverageHeartRate = Math.Round(heartRate.Average()!.Value, 3),
            AverageHrv = hrvValues.Count == 0 ? 0 : (int)Math.Round(hrvValues.Average()),
            RestlessPeriods = restless,
            Type = type, Day = day, Start = start,
            Phases30Sec = new string(phases), Movement30Sec = new string(movement), Phases5Min = new string(phases5),
            HeartRate = heartRate, Hrv = hrv, LatencySeconds = latency * EpochSeconds,
            AverageBreath = Math.Round(rng.Normal(14.6, 0.5) + heartRateBump * 0.12, 3), DipAt = dipAt,
        };
    }

    private static void Fill(char[] phases, ref int pos, int count, char phase, int limit)
    {
        var end = Math.Min(limit, pos + Math.Max(0, count));
        while (pos < end) phases[pos++] = phase;
    }

    private static char Mode(char[] phases, int from, int to)
    {
        Span<int> counts = stackalloc int[5];
        for (var i = from; i < to; i++) counts[phases[i] - '0']++;
        var best = '2';
        var bestCount = -1;
        for (var p = 1; p <= 4; p++)
            if (counts[p] > bestCount) { best = (char)('0' + p); bestCount = counts[p]; }
        return best;
    }
}
