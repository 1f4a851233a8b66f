using System.Collections.Concurrent;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>
/// A deterministic synthetic Oura user: every document is a pure function of (seed, id, day), identical on every run
/// and machine. Collections are generated on first use and cached; instances are safe to share between threads.
/// </summary>
public sealed partial class SyntheticPerson : IFakePerson
{
    private readonly int _seed;
    private readonly Lazy<PersonWorld> _world;
    private readonly Lazy<IReadOnlyList<Ring>> _rings;
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<FakeDocument>>> _collections = new(StringComparer.Ordinal);

    public SyntheticPerson(string id, int seed, TimeZoneInfo timeZone, DateOnly firstDay, DateOnly lastDay, PlantedEffects? effects = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (lastDay < firstDay) throw new ArgumentException($"The last day {lastDay} is before the first day {firstDay}.", nameof(lastDay));
        Id = id;
        _seed = seed;
        TimeZone = timeZone;
        FirstDay = firstDay;
        LastDay = lastDay;
        var clock = new LocalClock(timeZone);
        var profile = PersonProfile.From(seed, id);
        _world = new Lazy<PersonWorld>(() => new PersonWorld(seed, id, clock, profile, firstDay, lastDay, effects));
        _rings = new Lazy<IReadOnlyList<Ring>>(BuildRings);
        PersonalInfo = new PersonalInfo
        {
            Id = id,
            Age = profile.Age,
            Weight = profile.WeightKg,
            Height = Math.Round(profile.HeightCm / 100, 2),
            BiologicalSex = profile.Sex,
            Email = $"{id}@example.com",
        };
    }

    public string Id { get; }

    public int Seed => _seed;

    public TimeZoneInfo TimeZone { get; }

    public PersonalInfo PersonalInfo { get; }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    private PersonWorld World => _world.Value;

    public IReadOnlyList<FakeDocument> Documents(OuraCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return _collections.GetOrAdd(collection.Name, name => new Lazy<IReadOnlyList<FakeDocument>>(() => Build(name))).Value;
    }

    private IReadOnlyList<FakeDocument> Build(string collection)
    {
        IEnumerable<FakeDocument> documents = collection switch
        {
            "sleep" => SleepDocuments(),
            "daily_sleep" => PerDay(DailySleepOf),
            "daily_readiness" => PerDay(DailyReadinessOf),
            "daily_activity" => PerDay(DailyActivityOf),
            "daily_stress" => PerDay(DailyStressOf),
            "daily_resilience" => PerDay(DailyResilienceOf),
            "daily_spo2" => PerDay(DailySpO2Of),
            "daily_cardiovascular_age" => PerDay(CardiovascularAgeOf),
            "vO2_max" => PerDay(VO2MaxOf),
            "sleep_time" => PerDay(SleepTimeOf),
            "workout" => WorkoutDocuments(),
            "session" => SessionDocuments(),
            "tag" => TagDocuments(),
            "enhanced_tag" => EnhancedTagDocuments(),
            "rest_mode_period" => RestModeDocuments(),
            "ring_configuration" => RingDocuments(),
            "heartrate" => HeartRateRows(),
            "ring_battery_level" => BatteryRows(),
            "personal_info" => throw new ArgumentException("personal_info is a single object: use PersonalInfo.", nameof(collection)),
            _ => throw new ArgumentException($"Unknown collection {collection}.", nameof(collection)),
        };
        return documents.OrderBy(d => d.Instant).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
    }

    private IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1)) yield return day;
    }

    private IEnumerable<FakeDocument> PerDay(Func<DateOnly, FakeDocument?> build) =>
        Days().Select(build).OfType<FakeDocument>();

    private FakeDocument Document(string id, DateOnly day, object model) => new(id, day, World.Clock.Midnight(day), model);
}
