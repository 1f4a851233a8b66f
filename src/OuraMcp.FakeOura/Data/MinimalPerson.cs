using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>
/// A stand-in demo person for the standalone fake until the synthetic people (<c>FakePeople.Demo</c>) are merged:
/// two weeks ending on <c>lastDay</c>, one plain document per day and collection, hourly heart rate, UTC.
/// Deterministic, deliberately dull: it only proves every route has something to serve.
/// </summary>
internal sealed class MinimalPerson : IFakePerson
{
    private const int Days = 14;
    private readonly Dictionary<string, IReadOnlyList<FakeDocument>> _documents;

    public MinimalPerson(DateOnly lastDay)
    {
        LastDay = lastDay;
        FirstDay = lastDay.AddDays(1 - Days);
        _documents = OuraCatalog.All.Where(c => !c.IsSingleton).ToDictionary(c => c.Name, c => (IReadOnlyList<FakeDocument>)Build(c));
    }

    public string Id => "minimal-demo-person";

    public TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

    public PersonalInfo PersonalInfo => new() { Id = Id, Age = 38, Weight = 70.5, Height = 1.75, BiologicalSex = "female", Email = "demo@example.com" };

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    public IReadOnlyList<FakeDocument> Documents(OuraCollection collection) =>
        _documents.TryGetValue(collection.Name, out var documents) ? documents : [];

    private List<FakeDocument> Build(OuraCollection collection)
    {
        var documents = new List<FakeDocument>();
        if (collection.Name == OuraCatalog.RingConfiguration.Name)
        {
            var setUp = At(FirstDay, 9);
            documents.Add(new FakeDocument("ring-1", FirstDay, setUp, new RingConfiguration
            {
                Id = "ring-1", Color = RingColor.Silver, Design = RingDesign.Heritage, HardwareType = RingHardwareType.Gen3,
                FirmwareVersion = "2.9.0", SetUpAt = setUp, Size = 8,
            }));
            return documents;
        }

        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            var n = day.DayNumber - FirstDay.DayNumber;
            var id = $"{collection.Name}-{day:yyyyMMdd}";
            var start = At(day, 0);
            switch (collection.Name)
            {
                case "heartrate":
                    for (var hour = 0; hour < 24; hour++)
                    {
                        var t = At(day, hour);
                        documents.Add(new FakeDocument(null, day, t, new HeartRateSample
                        {
                            Timestamp = t, TimestampUnix = t.ToUnixTimeMilliseconds(), Bpm = 55 + (hour + n) % 20,
                            Source = hour < 7 ? HeartRateSource.Sleep : HeartRateSource.Awake,
                        }));
                    }
                    break;
                case "ring_battery_level":
                    for (var hour = 0; hour < 24; hour += 6)
                    {
                        var t = At(day, hour);
                        documents.Add(new FakeDocument(null, day, t, new RingBatteryLevel
                        {
                            Timestamp = t, TimestampUnix = t.ToUnixTimeMilliseconds(), Level = 100 - hour * 3, Charging = false, InCharger = false,
                        }));
                    }
                    break;
                case "sleep":
                    var bedtime = At(day, 0).AddHours(-1.5);
                    documents.Add(new FakeDocument(id, day, bedtime, new SleepPeriod
                    {
                        Id = id, Day = day, BedtimeStart = bedtime, BedtimeEnd = bedtime.AddHours(8), TimeInBed = 8 * 3600,
                        TotalSleepDuration = 7 * 3600 + n * 60, Efficiency = 88, Period = 0, Type = SleepType.LongSleep,
                    }));
                    break;
                case "daily_activity":
                    documents.Add(new FakeDocument(id, day, At(day, 4), new DailyActivity
                    {
                        Id = id, Day = day, Timestamp = At(day, 4), Steps = 6000 + n * 250, Score = 70 + n % 20, ActiveCalories = 300 + n * 10,
                    }));
                    break;
                case "daily_sleep":
                    documents.Add(new FakeDocument(id, day, start, new DailySleep { Id = id, Day = day, Timestamp = start, Score = 75 + n % 15 }));
                    break;
                case "daily_readiness":
                    documents.Add(new FakeDocument(id, day, start, new DailyReadiness { Id = id, Day = day, Timestamp = start, Score = 72 + n % 18 }));
                    break;
                case "daily_cardiovascular_age":
                    documents.Add(new FakeDocument(id, day, start, new DailyCardiovascularAge { Id = id, Day = day, VascularAge = 36 }));
                    break;
                case "daily_resilience":
                    documents.Add(new FakeDocument(id, day, start, new DailyResilience
                    {
                        Id = id, Day = day, Level = ResilienceLevel.Solid,
                        Contributors = new ResilienceContributors { SleepRecovery = 70, DaytimeRecovery = 60, Stress = 50 },
                    }));
                    break;
                case "daily_spo2":
                    documents.Add(new FakeDocument(id, day, start, new DailySpO2 { Id = id, Day = day, Spo2Percentage = new SpO2AggregatedValues { Average = 97.1 } }));
                    break;
                case "daily_stress":
                    documents.Add(new FakeDocument(id, day, start, new DailyStress { Id = id, Day = day, DaySummary = StressSummary.Normal, StressHigh = 3600 }));
                    break;
                case "sleep_time":
                    documents.Add(new FakeDocument(id, day, start, new SleepTime { Id = id, Day = day, Status = SleepTimeStatus.OptimalFound }));
                    break;
                case "vO2_max":
                    documents.Add(new FakeDocument(id, day, At(day, 12), new VO2Max { Id = id, Day = day, Timestamp = At(day, 12), Vo2Max = 42 }));
                    break;
                case "workout" when n % 2 == 0:
                    documents.Add(new FakeDocument(id, day, At(day, 17), new Workout
                    {
                        Id = id, Day = day, Activity = "walking", StartDatetime = At(day, 17), EndDatetime = At(day, 18),
                        Intensity = WorkoutIntensity.Moderate, Source = WorkoutSource.Autodetected, Calories = 250,
                    }));
                    break;
                case "session" when n % 3 == 0:
                    documents.Add(new FakeDocument(id, day, At(day, 21), new Session
                    {
                        Id = id, Day = day, StartDatetime = At(day, 21), EndDatetime = At(day, 21).AddMinutes(10), Type = SessionType.Breathing,
                    }));
                    break;
                case "tag" when n % 4 == 0:
                    documents.Add(new FakeDocument(id, day, At(day, 20), new Tag { Id = id, Day = day, Timestamp = $"{day:yyyy-MM-dd}T20:00:00", Tags = ["tag_generic_coffee"] }));
                    break;
                case "enhanced_tag" when n % 4 == 1:
                    documents.Add(new FakeDocument(id, day, At(day, 20), new EnhancedTag { Id = id, StartDay = day, StartTime = $"{day:yyyy-MM-dd}T20:00:00", TagTypeCode = "tag_generic_alcohol" }));
                    break;
                case "rest_mode_period" when n == 5:
                    documents.Add(new FakeDocument(id, day, start, new RestModePeriod { Id = id, StartDay = day, StartTime = start, EndDay = day.AddDays(1), EndTime = start.AddDays(1) }));
                    break;
            }
        }
        return documents;
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
