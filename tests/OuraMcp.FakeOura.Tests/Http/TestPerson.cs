using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Tests.Http;

/// <summary>A hand-made person whose documents each test controls exactly.</summary>
internal sealed class TestPerson(string id = "person-1", TimeZoneInfo? timeZone = null) : IFakePerson
{
    private readonly Dictionary<string, List<FakeDocument>> _documents = new(StringComparer.Ordinal);

    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public string Id { get; } = id;

    public TimeZoneInfo TimeZone { get; } = timeZone ?? TimeZoneInfo.Utc;

    public PersonalInfo PersonalInfo => new() { Id = Id, Age = 41, Weight = 80, Height = 1.8, BiologicalSex = "male", Email = "person@example.com" };

    public DateOnly FirstDay { get; set; } = new(2026, 3, 1);

    public DateOnly LastDay { get; set; } = new(2026, 3, 10);

    public IReadOnlyList<FakeDocument> Documents(OuraCollection collection) =>
        _documents.TryGetValue(collection.Name, out var list) ? [.. list.OrderBy(d => d.Instant)] : [];

    public TestPerson Add(OuraCollection collection, FakeDocument document)
    {
        if (!_documents.TryGetValue(collection.Name, out var list)) _documents[collection.Name] = list = [];
        list.Add(document);
        return this;
    }

    /// <summary>A daily_sleep document for <paramref name="day"/>, id "ds-yyyy-MM-dd".</summary>
    public TestPerson DailySleep(DateOnly day, int score = 80)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Add(OuraCatalog.DailySleep, new FakeDocument($"ds-{day:yyyy-MM-dd}", day, at,
            new DailySleep { Id = $"ds-{day:yyyy-MM-dd}", Day = day, Timestamp = at, Score = score }));
    }

    public TestPerson Sleep(string id, DateOnly day, DateTimeOffset bedtimeStart) =>
        Add(OuraCatalog.Sleep, new FakeDocument(id, day, bedtimeStart, new SleepPeriod
        {
            Id = id, Day = day, BedtimeStart = bedtimeStart, BedtimeEnd = bedtimeStart.AddHours(8), TimeInBed = 28800, Efficiency = 90,
            Type = SleepType.LongSleep,
        }));

    public TestPerson Workout(string id, DateOnly day, DateTimeOffset start) =>
        Add(OuraCatalog.Workout, new FakeDocument(id, day, start, new Workout
        {
            Id = id, Day = day, Activity = "cycling", StartDatetime = start, EndDatetime = start.AddHours(1),
            Intensity = WorkoutIntensity.Hard, Source = WorkoutSource.Manual,
        }));

    public TestPerson HeartRate(DateTimeOffset at, int bpm) =>
        Add(OuraCatalog.HeartRate, new FakeDocument(null, DateOnly.FromDateTime(at.DateTime), at, new HeartRateSample
        {
            Timestamp = at, TimestampUnix = at.ToUnixTimeMilliseconds(), Bpm = bpm, Source = HeartRateSource.Awake,
        }));

    /// <summary>One document (or row) in every collection on <paramref name="day"/>, with id "{collection}-1".</summary>
    public static TestPerson WithOneOfEach(DateOnly day)
    {
        var person = new TestPerson { FirstDay = day, LastDay = day };
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        foreach (var collection in OuraCatalog.All.Where(c => !c.IsSingleton))
        {
            var id = $"{collection.Name}-1";
            object model = collection.Name switch
            {
                "daily_activity" => new DailyActivity { Id = id, Day = day, Timestamp = at },
                "daily_cardiovascular_age" => new DailyCardiovascularAge { Id = id, Day = day },
                "daily_readiness" => new DailyReadiness { Id = id, Day = day, Timestamp = at },
                "daily_resilience" => new DailyResilience { Id = id, Day = day, Level = ResilienceLevel.Solid },
                "daily_sleep" => new DailySleep { Id = id, Day = day, Timestamp = at },
                "daily_spo2" => new DailySpO2 { Id = id, Day = day },
                "daily_stress" => new DailyStress { Id = id, Day = day },
                "enhanced_tag" => new EnhancedTag { Id = id, StartDay = day, StartTime = $"{day:yyyy-MM-dd}T12:00:00" },
                "heartrate" => new HeartRateSample { Timestamp = at, TimestampUnix = at.ToUnixTimeMilliseconds(), Bpm = 60, Source = HeartRateSource.Rest },
                "rest_mode_period" => new RestModePeriod { Id = id, StartDay = day },
                "ring_battery_level" => new RingBatteryLevel { Timestamp = at, TimestampUnix = at.ToUnixTimeMilliseconds(), Level = 80 },
                "ring_configuration" => new RingConfiguration { Id = id, Size = 9 },
                "session" => new Session { Id = id, Day = day, StartDatetime = at, EndDatetime = at.AddMinutes(5), Type = SessionType.Meditation },
                "sleep" => new SleepPeriod { Id = id, Day = day, BedtimeStart = at, BedtimeEnd = at.AddHours(1), Type = SleepType.LateNap },
                "sleep_time" => new SleepTime { Id = id, Day = day },
                "tag" => new Tag { Id = id, Day = day, Timestamp = $"{day:yyyy-MM-dd}T12:00:00", Tags = ["tag_generic_coffee"] },
                "vO2_max" => new VO2Max { Id = id, Day = day, Timestamp = at, Vo2Max = 45 },
                "workout" => new Workout { Id = id, Day = day, Activity = "walking", StartDatetime = at, EndDatetime = at.AddHours(1) },
                _ => throw new InvalidOperationException($"No test model for {collection.Name}."),
            };
            person.Add(collection, new FakeDocument(collection.HasDocumentRoute ? id : null, day, at, model));
        }
        return person;
    }
}
