using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Tests.Support;

/// <summary>
/// The small, explicit data set the tool tests read: a person in Helsinki (UTC+2 in early March), "now" is
/// 2026-03-05 14:00 local, so the default range is 2026-02-27..2026-03-05.
/// </summary>
public static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Offset = TimeSpan.FromHours(2);
    public const string Zone = "Europe/Helsinki";

    public static DateTimeOffset Local(int day, int hour, int minute = 0, int month = 3) => new(2026, month, day, hour, minute, 0, Offset);

    public static DateOnly Day(int day, int month = 3) => new(2026, month, day);

    public static InMemoryOuraClient Person() => new InMemoryOuraClient()
        .Add(OuraCatalog.DailySleep,
            new DailySleep { Id = "ds-1", Day = Day(1), Score = 82, Contributors = new SleepContributors { DeepSleep = 90, Efficiency = 85, TotalSleep = 80 } },
            new DailySleep { Id = "ds-2", Day = Day(2), Score = 74 },
            new DailySleep { Id = "ds-4", Day = Day(4), Score = 88 })
        .Add(OuraCatalog.Sleep,
            new SleepPeriod
            {
                Id = "s-1", Day = Day(1), Type = SleepType.LongSleep,
                BedtimeStart = Local(28, 23, 14, month: 2), BedtimeEnd = Local(1, 6, 48),
                TotalSleepDuration = 25920, TimeInBed = 27240, Efficiency = 91, Latency = 600,
                DeepSleepDuration = 5400, RemSleepDuration = 6300, LightSleepDuration = 14220, AwakeTime = 1320,
                LowestHeartRate = 52, AverageHeartRate = 58.25, AverageHrv = 45, AverageBreath = 14.2,
            },
            new SleepPeriod
            {
                Id = "s-1n", Day = Day(1), Type = SleepType.LateNap, BedtimeStart = Local(1, 14, 0), BedtimeEnd = Local(1, 14, 30),
                TotalSleepDuration = 1500, TimeInBed = 1800,
            },
            new SleepPeriod { Id = "s-2x", Day = Day(2), Type = SleepType.Deleted, BedtimeStart = Local(1, 22, 0), BedtimeEnd = Local(1, 22, 20), TimeInBed = 1200 },
            new SleepPeriod
            {
                Id = "s-2", Day = Day(2), Type = SleepType.LongSleep, BedtimeStart = Local(2, 0, 30), BedtimeEnd = Local(2, 7, 0),
                TotalSleepDuration = 21600, TimeInBed = 23400, Efficiency = 92, LowestHeartRate = 55, AverageHrv = 38,
            })
        .Add(OuraCatalog.DailyReadiness,
            new DailyReadiness { Id = "r-1", Day = Day(1), Score = 79, TemperatureDeviation = -0.12, Contributors = new ReadinessContributors { HrvBalance = 70, PreviousNight = 88 } },
            new DailyReadiness { Id = "r-2", Day = Day(2), Score = 65, TemperatureDeviation = 0.48 })
        .Add(OuraCatalog.DailyActivity,
            new DailyActivity { Id = "a-1", Day = Day(1), Score = 90, Steps = 10234, ActiveCalories = 512, TotalCalories = 2480, HighActivityTime = 1800, MediumActivityTime = 3720, EquivalentWalkingDistance = 9100 },
            new DailyActivity { Id = "a-2", Day = Day(2), Score = 70, Steps = 4321, ActiveCalories = 230, TotalCalories = 2150 })
        .Add(OuraCatalog.DailyStress, new DailyStress { Id = "st-1", Day = Day(1), DaySummary = StressSummary.Normal, StressHigh = 3600, RecoveryHigh = 5400 })
        .Add(OuraCatalog.DailyResilience, new DailyResilience { Id = "rs-1", Day = Day(1), Level = ResilienceLevel.Solid, Contributors = new ResilienceContributors { SleepRecovery = 61.5, DaytimeRecovery = 40, Stress = 55 } })
        .Add(OuraCatalog.DailySpO2, new DailySpO2 { Id = "o-1", Day = Day(1), Spo2Percentage = new SpO2AggregatedValues { Average = 96.43 }, BreathingDisturbanceIndex = 7 })
        .Add(OuraCatalog.DailyCardiovascularAge, new DailyCardiovascularAge { Id = "c-1", Day = Day(2), VascularAge = 38, PulseWaveVelocity = 7.1 })
        .Add(OuraCatalog.VO2Max, new VO2Max { Id = "v-1", Day = Day(3), Vo2Max = 44, Timestamp = Local(3, 9) })
        .Add(OuraCatalog.SleepTime, new SleepTime
        {
            Id = "bt-1", Day = Day(4), Recommendation = SleepTimeRecommendation.EarlierBedtime, Status = SleepTimeStatus.OptimalFound,
            OptimalBedtime = new SleepTimeWindow { DayTz = 7200, StartOffset = -3600, EndOffset = 1800 },
        })
        .Add(OuraCatalog.Workout, new Workout
        {
            Id = "w-1", Day = Day(2), Activity = "running", Intensity = WorkoutIntensity.Moderate, Source = WorkoutSource.Autodetected,
            StartDatetime = Local(2, 7, 30), EndDatetime = Local(2, 8, 15), Calories = 420.5, Distance = 8012.4,
        })
        .Add(OuraCatalog.Session, new Session
        {
            Id = "se-1", Day = Day(3), Type = SessionType.Meditation, Mood = SessionMood.Good, StartDatetime = Local(3, 20, 0), EndDatetime = Local(3, 20, 10),
            HeartRate = new Sample { Interval = 60, Items = [60, null, 58, 56] },
        })
        .Add(OuraCatalog.EnhancedTag, new EnhancedTag { Id = "et-1", StartDay = Day(1), TagTypeCode = "tag_generic_caffeine", StartTime = "2026-03-01T15:00:00", Comment = "double espresso" })
        .Add(OuraCatalog.Tag, new Tag { Id = "t-1", Day = Day(2), Text = "late dinner", Tags = ["late_meal"], Timestamp = "2026-03-02T21:30:00" })
        .Add(OuraCatalog.RestModePeriod, new RestModePeriod
        {
            Id = "rm-1", StartDay = Day(3), EndDay = Day(4), StartTime = Local(3, 8), EndTime = Local(4, 20),
            Episodes = [new RestModeEpisode { Tags = ["tag_generic_flu"], Timestamp = Local(3, 8) }],
        })
        .Add(OuraCatalog.RingConfiguration, new RingConfiguration { Id = "ring-1", HardwareType = RingHardwareType.Gen4, Color = RingColor.Silver, Size = 9, FirmwareVersion = "2.9.1" })
        .Add(OuraCatalog.HeartRate, HeartRate())
        .Add(OuraCatalog.RingBatteryLevel,
            new RingBatteryLevel { Timestamp = Local(5, 8, 0), Level = 80 },
            new RingBatteryLevel { Timestamp = Local(5, 9, 0), Level = 76 },
            new RingBatteryLevel { Timestamp = Local(5, 10, 0), Level = 74, Charging = true });

    /// <summary>08:00-09:45 on 2026-03-05, every 15 minutes; a workout from 08:45 to 09:15.</summary>
    public static HeartRateSample[] HeartRate()
    {
        (int Bpm, string Source)[] values = [(60, "awake"), (62, "awake"), (64, "awake"), (90, "workout"), (120, "workout"), (110, "workout"), (70, "awake"), (66, "awake")];
        return values.Select((v, i) => new HeartRateSample
        {
            Timestamp = Local(5, 8).AddMinutes(15 * i), Bpm = v.Bpm, Source = new OuraEnum<HeartRateSource>(v.Source),
        }).ToArray();
    }
}
