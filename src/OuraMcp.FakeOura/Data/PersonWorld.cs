using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

/// <summary>Scores Oura computes for one local day, shared by the daily documents and the long sleep.</summary>
internal sealed record DayScores(
    SleepContributors SleepContributors, int SleepScore, Readiness Readiness,
    ActivityContributors ActivityContributors, int ActivityScore,
    int StressHigh, int RecoveryHigh, StressSummary? StressSummary);

/// <summary>
/// Everything a synthetic person lived through, in days: nights, day schedules, activity and scores. Each day's raw
/// material is drawn from its own seeded stream, so it does not depend on the range asked for; scores then look back
/// over earlier days, which are built too (<see cref="History"/> days before the first).
/// </summary>
internal sealed class PersonWorld
{
    /// <summary>Days built before the first day, for scores that look back two weeks.</summary>
    public const int History = 15;

    private readonly int _seed;
    private readonly string _id;
    private readonly SleepRecord[] _nights;
    private readonly DayPlan[] _plans;
    private readonly ActivityStats[] _activity;
    private readonly DayScores?[] _scores;
    private readonly SleepContributors[] _nightContributors;
    private readonly Stretch[] _stretches;

    public PersonWorld(int seed, string id, LocalClock clock, PersonProfile profile, DateOnly firstDay, DateOnly lastDay, PlantedEffects? effects = null)
    {
        Effects = effects ?? PlantedEffects.None;
        _seed = seed;
        _id = id;
        Clock = clock;
        Profile = profile;
        FirstDay = firstDay;
        LastDay = lastDay;
        Origin = firstDay.AddDays(-History);
        var days = lastDay.DayNumber - Origin.DayNumber + 1;

        _nights = new SleepRecord[days + 1];
        for (var i = 0; i <= days; i++) _nights[i] = BuildNight(Origin.AddDays(i));
        _nightContributors = _nights.Select(ContributorsOf).ToArray();
        _plans = new DayPlan[days];
        for (var i = 0; i < days; i++) _plans[i] = BuildPlan(Origin.AddDays(i));
        _stretches = _nights.Select(n => new Stretch(StretchKind.Sleep, n.Start, n.End, n))
            .Concat(_plans.SelectMany(p => p.Stretches))
            .OrderBy(s => s.Start).ToArray();
        _activity = new ActivityStats[days];
        for (var i = 0; i < days; i++) _activity[i] = BuildActivity(Origin.AddDays(i));
        _scores = new DayScores?[days];
        for (var d = Origin.AddDays(History - 1); d <= lastDay; d = d.AddDays(1)) _scores[Index(d)] = BuildScores(d);
    }

    public LocalClock Clock { get; }
    public PersonProfile Profile { get; }
    public PlantedEffects Effects { get; }
    public DateOnly Origin { get; }
    public DateOnly FirstDay { get; }
    public DateOnly LastDay { get; }

    /// <summary>The main sleep that ended on the morning of <paramref name="wakeDay"/> (up to the day after the last).</summary>
    public SleepRecord Night(DateOnly wakeDay) => _nights[Index(wakeDay)];

    public DayPlan Plan(DateOnly day) => _plans[Index(day)];

    public ActivityStats Activity(DateOnly day) => _activity[Index(day)];

    public DayScores Scores(DateOnly day) => _scores[Index(day)] ?? throw new ArgumentOutOfRangeException(nameof(day));

    public IReadOnlyList<Stretch> Stretches => _stretches;

    /// <summary>The stretch holding <paramref name="instant"/>, if any (stretches never overlap).</summary>
    public Stretch? StretchAt(DateTimeOffset instant)
    {
        int lo = 0, hi = _stretches.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_stretches[mid].Start <= instant) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found >= 0 && _stretches[found].Contains(instant) ? _stretches[found] : null;
    }

    /// <summary>The activity day whose 24 hours from 04:00 local hold <paramref name="instant"/>.</summary>
    public ActivityStats? ActivityAt(DateTimeOffset instant)
    {
        var day = Clock.DayOf(instant);
        for (var d = day; d >= day.AddDays(-1); d = d.AddDays(-1))
        {
            if (d < Origin || d > LastDay) continue;
            var stats = Activity(d);
            if (instant >= stats.Start) return stats;
        }
        return null;
    }

    public SeededRandom Random(string stream, DateOnly day) => SeededRandom.For(_seed, _id, stream, day);

    public string Id(string collection, DateOnly day, int index = 0) =>
        StableHash.Id(_seed, _id, collection, day.ToString("yyyy-MM-dd"), index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private int Index(DateOnly day) => day.DayNumber - Origin.DayNumber;

    public DayFlags Flags(DateOnly day)
    {
        var rng = Random("flags", day);
        var weekend = day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;
        return new DayFlags(
            Alcohol: rng.Chance(weekend ? 0.12 : 0.03),
            LateMeal: rng.Chance(Effects.LateMealChance ?? 0.04),
            Sauna: rng.Chance(Profile.SaunaChance),
            LateCaffeine: rng.Chance(0.03),
            Note: rng.Chance(0.04));
    }

    /// <summary>
    /// Rest mode (illness) comes in fortnight blocks so that it is a pure function of the day: about two a year,
    /// two to five days long, never overlapping.
    /// </summary>
    public RestModeSpan? RestModeBlock(int block)
    {
        var blockStart = DateOnly.FromDayNumber(block * 14);
        var rng = Random("rest_mode", blockStart);
        if (!rng.Chance(0.075)) return null;
        var start = blockStart.AddDays(rng.Int(0, 8));
        return new RestModeSpan(start, start.AddDays(rng.Int(1, 5)));
    }

    public RestModeSpan? RestMode(DateOnly day)
    {
        var span = RestModeBlock(day.DayNumber / 14);
        return span is not null && day >= span.Start && day <= span.End ? span : null;
    }

    /// <summary>Charged every second or third day (a Beatty sequence of rate 5/12: gaps are always 2 or 3).</summary>
    public bool ChargesOn(DateOnly day)
    {
        long n = day.DayNumber;
        return (5 * (n + 1) + Profile.ChargePhase) / 12 - (5 * n + Profile.ChargePhase) / 12 == 1;
    }

    public double TemperatureDeviation(DateOnly day)
    {
        var rng = Random("temperature", day);
        var deviation = rng.Normal(0, 0.14);
        if (RestMode(day) is not null) deviation += rng.Between(0.6, 1.1);
        if (Flags(day.AddDays(-1)).Alcohol) deviation += 0.25;
        return Math.Round(deviation, 2);
    }

    private SleepRecord BuildNight(DateOnly wakeDay)
    {
        var rng = Random("night", wakeDay);
        var bedDay = wakeDay.AddDays(-1);
        var flags = Flags(bedDay);
        var ill = RestMode(wakeDay) is not null;
        var weekend = bedDay.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;
        var bedtime = Profile.BedtimeHours + (weekend ? 0.45 : 0) + (flags.Alcohol ? 0.4 : 0) + (ill ? -0.5 : 0) + rng.Normal(0, 0.35);
        bedtime = Math.Clamp(bedtime, 22.5, 24.5);
        var hours = Profile.SleepNeedHours + (weekend ? 0.35 : 0) + (ill ? 0.6 : 0) + rng.Normal(0, 0.45);
        if (rng.Chance(0.08)) hours = rng.Between(6.0, 6.4);
        hours = Math.Clamp(hours, 6.0, 9.0);
        var start = Clock.At(bedDay, TimeSpan.FromHours(bedtime)).AddSeconds(rng.Int(0, 60));
        var restless = rng.Chance(0.12);
        var bump = (flags.Alcohol ? 4 : 0) + (flags.LateMeal ? 2 : 0) + (ill ? 4 : 0) + rng.Normal(0, 0.8);
        var hrv = Profile.BaseHrv * (flags.Alcohol ? 0.75 : 1) * (ill ? 0.8 : 1) * rng.Between(0.92, 1.08);
        if (flags.LateMeal) hrv += Effects.LateMealHrvMs;
        return SleepRecord.Build(rng, SleepType.LongSleep, wakeDay, start, (int)(hours * 120), Profile.RestingHeartRate, bump, hrv,
            wakefulness: (restless ? 2.5 : 1.0) * (flags.Alcohol || flags.LateCaffeine ? 1.6 : 1.0));
    }

    private DayPlan BuildPlan(DateOnly day)
    {
        var rng = Random("day", day);
        var wake = Night(day).End;
        var bed = Night(day.AddDays(1)).Start;
        var flags = Flags(day);
        var restMode = RestMode(day);
        var spans = new List<Stretch>();
        var workouts = new List<WorkoutPlan>();
        var sessions = new List<SessionPlan>();
        var shortSleeps = new List<SleepRecord>();
        TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(rng.Int(min, max)) + TimeSpan.FromSeconds(rng.Int(0, 60));
        DateTimeOffset LocalAt(int hour, int minute) => Clock.At(day, new TimeSpan(hour, minute, 0));

        Stretch? charge = null;
        if (ChargesOn(day))
        {
            var start = wake + Minutes(15, 45);
            charge = new Stretch(StretchKind.NonWear, start, start + Minutes(75, 105));
            spans.Add(charge);
        }

        var eveningWorkout = false;
        if (restMode is null && rng.Chance(Profile.WorkoutChance))
        {
            var morning = charge is null && rng.Chance(0.35);
            eveningWorkout = !morning;
            var start = morning ? wake + Minutes(30, 60) : LocalAt(17, 0) + Minutes(0, 90);
            var end = start + (morning ? Minutes(25, 55) : Minutes(25, 75));
            var workout = PlanWorkout(rng, start, end);
            workouts.Add(workout);
            spans.Add(new Stretch(StretchKind.Workout, start, end, workout));
        }

        if (rng.Chance(Profile.SessionChance + (restMode is null ? 0 : 0.3)))
        {
            var start = LocalAt(12, 5) + Minutes(0, 40);
            var type = rng.Pick([SessionType.Meditation, SessionType.Meditation, SessionType.Breathing, SessionType.Relaxation, SessionType.Rest, SessionType.BodyStatus]);
            SessionMood? mood = rng.Chance(0.3) ? null : rng.Pick([SessionMood.Same, SessionMood.Good, SessionMood.Good, SessionMood.Great, SessionMood.Worse, SessionMood.Bad]);
            var session = new SessionPlan(type, mood, start, start + TimeSpan.FromSeconds(rng.Int(2, 5) * 300));
            sessions.Add(session);
            spans.Add(new Stretch(StretchKind.Session, session.Start, session.End, session));
        }

        var restBump = restMode is null ? 0 : 3;
        if (rng.Chance(Profile.NapChance + (restMode is null ? 0 : 0.4)))
        {
            var type = rng.Chance(0.6) ? SleepType.Sleep : SleepType.Rest;
            var nap = SleepRecord.Build(rng, type, day, LocalAt(13, 45) + Minutes(0, 120), rng.Int(40, 140), Profile.RestingHeartRate, 6 + restBump, Profile.BaseHrv * 0.9);
            shortSleeps.Add(nap);
            spans.Add(new Stretch(StretchKind.Sleep, nap.Start, nap.End, nap));
        }
        else if (rng.Chance(0.015))
        {
            // Deleted periods are not sleep: the heart rate keeps its awake source.
            shortSleeps.Add(SleepRecord.Build(rng, SleepType.Deleted, day, LocalAt(15, 0) + Minutes(0, 60), rng.Int(20, 60), Profile.RestingHeartRate, 10, Profile.BaseHrv * 0.8));
        }

        if (!eveningWorkout && rng.Chance(0.025))
        {
            var nap = SleepRecord.Build(rng, SleepType.LateNap, day, LocalAt(18, 40) + Minutes(0, 40), rng.Int(40, 90), Profile.RestingHeartRate, 6 + restBump, Profile.BaseHrv * 0.9);
            shortSleeps.Add(nap);
            spans.Add(new Stretch(StretchKind.Sleep, nap.Start, nap.End, nap));
        }

        if (rng.Chance(0.3))
        {
            var start = LocalAt(20, 30) + Minutes(0, 25);
            spans.Add(new Stretch(StretchKind.NonWear, start, start + Minutes(8, 20)));
        }

        spans.Add(new Stretch(StretchKind.Rest, bed - TimeSpan.FromMinutes(40), bed));
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < spans.Count; i++)
            if (spans[i].Start < spans[i - 1].End)
                throw new InvalidOperationException($"Overlapping plans on {day}: {spans[i - 1]} and {spans[i]}.");

        return new DayPlan
        {
            Day = day, Flags = flags, RestMode = restMode, Charge = charge,
            Workouts = workouts, Sessions = sessions, ShortSleeps = shortSleeps.OrderBy(s => s.Start).ToList(), Stretches = spans,
        };
    }

    private WorkoutPlan PlanWorkout(SeededRandom rng, DateTimeOffset start, DateTimeOffset end)
    {
        var activity = rng.Pick(Profile.Activities);
        var intensity = activity switch
        {
            "walking" or "yoga" => WorkoutIntensity.Easy,
            "hiit" => WorkoutIntensity.Hard,
            _ => rng.Pick([WorkoutIntensity.Easy, WorkoutIntensity.Moderate, WorkoutIntensity.Moderate, WorkoutIntensity.Hard]),
        };
        var source = activity == "walking" ? WorkoutSource.Autodetected
            : rng.Pick([WorkoutSource.Manual, WorkoutSource.Confirmed, WorkoutSource.Confirmed, WorkoutSource.WorkoutHeartRate]);
        var effort = intensity switch { WorkoutIntensity.Easy => 0.7, WorkoutIntensity.Moderate => 0.85, _ => 1.0 };
        var (met, speed, steps) = activity switch
        {
            "running" => (9.5, 2.9, 160),
            "cycling" => (7.5, 6.2, 0),
            "walking" => (3.8, 1.45, 110),
            "swimming" => (7.0, 0.8, 0),
            "hiit" => (8.0, (double?)null, 60),
            "yoga" => (2.8, null, 5),
            _ => (5.0, null, 15),
        };
        var label = rng.Chance(0.15) ? rng.Pick(["Lunch break", "With friends", "Commute", "Easy day", "Intervals"]) : null;
        return new WorkoutPlan(activity, intensity, source, label, start, end, met * effort, speed * (0.85 + 0.15 * effort), steps);
    }

    private ActivityStats BuildActivity(DateOnly day)
    {
        var rng = Random("activity", day);
        var start = Clock.At(day, TimeSpan.FromHours(4));
        var classes = new char[288];
        var met = new double?[1440];
        var steps = 0.0;
        Span<double> metByClass = stackalloc double[6];
        var activeCalories = 0.0;
        var previous = '2';
        for (var slot = 0; slot < 288; slot++)
        {
            var span = StretchAt(start.AddSeconds(slot * 300 + 150));
            char c;
            if (span is null)
            {
                var roll = rng.NextDouble();
                c = roll < 0.6 && previous is '2' or '3' ? previous : roll < 0.88 ? '2' : roll < 0.985 ? '3' : '4';
            }
            else
            {
                c = span.Kind switch
                {
                    StretchKind.NonWear => '0',
                    StretchKind.Sleep or StretchKind.Session => '1',
                    StretchKind.Rest => '2',
                    _ => ((WorkoutPlan)span.Source!).Intensity switch { WorkoutIntensity.Easy => '3', WorkoutIntensity.Moderate => '4', _ => '5' },
                };
            }
            classes[slot] = c;
            previous = c;
            var workout = span?.Source as WorkoutPlan;
            for (var m = 0; m < 5; m++)
            {
                var value = workout is not null ? workout.Met * rng.Between(0.85, 1.1) : c switch
                {
                    '0' => 0,
                    '1' => rng.Between(0.9, 1.0),
                    '2' => rng.Between(1.05, 1.45),
                    '3' => rng.Between(1.6, 2.9),
                    '4' => rng.Between(3.0, 5.5),
                    _ => rng.Between(6.0, 9.0),
                };
                value = Math.Round(value, 1);
                met[slot * 5 + m] = value;
                metByClass[c - '0'] += value;
                // Active calories count the minutes above sedentary: kcal = MET x 3.5 x kg / 200 per minute.
                if (c >= '3') activeCalories += (value - 1) * 3.5 * Profile.WeightKg / 200;
                steps += workout is not null ? workout.StepsPerMinute * rng.Between(0.8, 1.1) : c switch
                {
                    '2' => rng.Between(0, 4),
                    '3' => rng.Between(15, 45),
                    '4' => rng.Between(70, 110),
                    _ => 0,
                };
            }
        }
        var active = (int)Math.Round(activeCalories);
        var alerts = 0;
        for (int slot = 0, run = 0; slot < 288; slot++)
        {
            // Oura nudges after about an hour without moving; count unbroken sedentary stretches of 75 minutes.
            run = classes[slot] == '2' ? run + 1 : 0;
            if (run == 15) { alerts++; run = 0; }
        }
        return new ActivityStats
        {
            Day = day,
            Start = start,
            Class5Min = new string(classes),
            Met = met,
            ActiveCalories = active,
            TotalCalories = (int)Math.Round(Profile.BasalCalories + active),
            Steps = (int)Math.Max(0, steps + Effects.StepsPerWeek * (day.DayNumber - FirstDay.DayNumber) / 7.0),
            EquivalentWalkingDistance = (int)Math.Round(active / (0.5 * Profile.WeightKg) * 1000),
            InactivityAlerts = Math.Min(alerts, 5),
            AverageMet = Math.Round((metByClass[0] + metByClass[1] + metByClass[2] + metByClass[3] + metByClass[4] + metByClass[5]) / 1440, 3),
            SedentaryMetMinutes = (int)Math.Round(metByClass[2]),
            LowMetMinutes = (int)Math.Round(metByClass[3]),
            MediumMetMinutes = (int)Math.Round(metByClass[4]),
            HighMetMinutes = (int)Math.Round(metByClass[5]),
            Workouts = Plan(day).Workouts.Count,
        };
    }

    public int TargetMeters => (int)Math.Round(Profile.TargetCalories / (0.5 * Profile.WeightKg) * 1000);

    /// <summary>Sleep score contributors of the main sleep that ended on <paramref name="wakeDay"/>.</summary>
    public SleepContributors SleepContributors(DateOnly wakeDay) => _nightContributors[Index(wakeDay)];

    public int SleepScore(DateOnly wakeDay) => SleepScoreOf(SleepContributors(wakeDay));

    private SleepContributors ContributorsOf(SleepRecord night)
    {
        var hours = night.TotalSleep / 3600.0;
        var latencyMinutes = night.LatencySeconds / 60.0;
        // Midpoint of the night in hours after local midnight (negative before it).
        var midpoint = Clock.LocalHour(night.Start) + night.TimeInBed / 7200.0;
        if (midpoint >= 12) midpoint -= 24;
        return new SleepContributors
        {
            TotalSleep = Score(hours >= 8.5 ? 100 : hours >= 7 ? 80 + (hours - 7) * 13.3 : 38 + (hours - 5) * 21),
            Efficiency = Score(100 - Math.Max(0, 93 - night.Efficiency) * 3.5),
            Latency = Score(latencyMinutes is >= 8 and <= 20 ? 100 : latencyMinutes < 8 ? 80 + latencyMinutes * 2.5 : 100 - (latencyMinutes - 20) * 3),
            DeepSleep = Score(40 + night.Deep / 60.0 * 0.7),
            RemSleep = Score(35 + night.Rem / 60.0 * 0.6),
            Restfulness = Score(100 - night.RestlessPeriods * 0.4 - night.Awake / 60.0 * 0.3),
            Timing = Score(midpoint <= 3.5 ? 100 : 100 - (midpoint - 3.5) * 30),
        };
    }

    public static int SleepScoreOf(SleepContributors c) => Score(
        0.35 * c.TotalSleep!.Value + 0.1 * c.Efficiency!.Value + 0.1 * c.Latency!.Value + 0.1 * c.DeepSleep!.Value
        + 0.1 * c.RemSleep!.Value + 0.1 * c.Restfulness!.Value + 0.15 * c.Timing!.Value);

    private DayScores BuildScores(DateOnly day)
    {
        var night = Night(day);
        var sleepContributors = SleepContributors(day);
        var sleepScore = SleepScoreOf(sleepContributors);
        var fortnight = Enumerable.Range(0, 14).Select(i => Night(day.AddDays(-i))).ToList();
        var week = fortnight.Take(7).ToList();

        var sleepDebt = Profile.SleepNeedHours - fortnight.Average(n => n.TotalSleep / 3600.0);
        var bedtimes = week.Select(n => Clock.LocalHour(n.Start) < 12 ? Clock.LocalHour(n.Start) + 24 : Clock.LocalHour(n.Start)).ToList();
        var bedtimeSpread = Math.Sqrt(bedtimes.Average(b => (b - bedtimes.Average()) * (b - bedtimes.Average())));
        var yesterday = Activity(day.AddDays(-1));
        var yesterdayRatio = yesterday.ActiveCalories / (double)Profile.TargetCalories;
        var balanceRatio = Enumerable.Range(1, 14).Average(i => Activity(day.AddDays(-i)).ActiveCalories) / Profile.TargetCalories;
        var temperature = TemperatureDeviation(day);
        var hrvRatio = fortnight.Take(3).Average(n => n.AverageHrv) / Math.Max(1, fortnight.Average(n => n.AverageHrv));
        var lowestDelta = night.LowestHeartRate - fortnight.Average(n => n.LowestHeartRate);
        var readinessContributors = new ReadinessContributors
        {
            PreviousNight = Score(sleepScore - 2),
            SleepBalance = Score(100 - Math.Max(0, sleepDebt) * 45),
            SleepRegularity = Score(100 - bedtimeSpread * 55),
            PreviousDayActivity = Score(yesterdayRatio is >= 0.6 and <= 1.6 ? 95 : yesterdayRatio < 0.6 ? 55 + yesterdayRatio * 66 : 95 - (yesterdayRatio - 1.6) * 25),
            ActivityBalance = Score(balanceRatio >= 1.1 ? 100 - Math.Max(0, balanceRatio - 1.8) * 30 : 35 + balanceRatio * 58),
            BodyTemperature = Score(100 - Math.Abs(temperature) * 70),
            HrvBalance = Score(100 - Math.Max(0, 1.06 - hrvRatio) * 250),
            RestingHeartRate = Score(100 - Math.Max(0, lowestDelta + 1.5) * 8),
            RecoveryIndex = Score(night.DipAt <= 0.5 ? 100 : 100 - (night.DipAt - 0.5) * 140),
        };
        var c = readinessContributors;
        var readinessScore = Score(0.2 * c.PreviousNight!.Value + 0.12 * c.SleepBalance!.Value + 0.06 * c.SleepRegularity!.Value
            + 0.08 * c.PreviousDayActivity!.Value + 0.08 * c.ActivityBalance!.Value + 0.1 * c.BodyTemperature!.Value
            + 0.14 * c.HrvBalance!.Value + 0.14 * c.RestingHeartRate!.Value + 0.08 * c.RecoveryIndex!.Value);
        if (Effects.HardWorkoutReadiness != 0 && Plan(day.AddDays(-Effects.HardWorkoutLagDays)).Workouts.Any(w => w.Intensity == WorkoutIntensity.Hard))
        {
            readinessScore = Score(readinessScore + Effects.HardWorkoutReadiness);
        }

        var readiness = new Readiness
        {
            Contributors = readinessContributors,
            Score = readinessScore,
            TemperatureDeviation = temperature,
            TemperatureTrendDeviation = Math.Round((TemperatureDeviation(day.AddDays(-1)) + TemperatureDeviation(day.AddDays(-2)) + temperature) / 3, 2),
        };

        var today = Activity(day);
        var lastWeek = Enumerable.Range(0, 7).Select(i => Activity(day.AddDays(-i))).ToList();
        var workoutsThisWeek = lastWeek.Sum(a => a.Workouts);
        var sedentaryHours = today.Seconds('2') / 3600.0;
        var activityContributors = new ActivityContributors
        {
            StayActive = Score(100 - Math.Max(0, sedentaryHours - 7) * 8),
            MoveEveryHour = Score(100 - today.InactivityAlerts * 12),
            MeetDailyTargets = Score(20 + 80 * lastWeek.Count(a => a.ActiveCalories >= Profile.TargetCalories) / 7.0),
            TrainingFrequency = Score(workoutsThisWeek switch { >= 4 => 100, 3 => 90, 2 => 75, 1 => 55, _ => 30 }),
            TrainingVolume = Score(20 + 80 * Math.Min(1, lastWeek.Sum(a => a.ActiveCalories) / (7.0 * Profile.TargetCalories))),
            RecoveryTime = Score(lastWeek.Count(a => a.ActiveCalories < 0.6 * Profile.TargetCalories) switch { >= 2 => 100, 1 => 80, _ => 55 }),
        };
        var a = activityContributors;
        var activityScore = Score(0.15 * a.StayActive!.Value + 0.1 * a.MoveEveryHour!.Value + 0.25 * a.MeetDailyTargets!.Value
            + 0.1 * a.TrainingFrequency!.Value + 0.15 * a.TrainingVolume!.Value + 0.25 * a.RecoveryTime!.Value);

        var rng = Random("stress", day);
        var workday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var stressHigh = 900 * (rng.Int(0, 9) + (workday ? 4 : 0) + (readinessScore < 70 ? 4 : 0));
        var recoveryHigh = 900 * (rng.Int(0, 8) + (workday ? 0 : 4) + Plan(day).Sessions.Count * 2);
        StressSummary? summary = rng.Chance(0.04) ? null
            : recoveryHigh > stressHigh + 1800 ? StressSummary.Restored
            : stressHigh > recoveryHigh + 5400 ? StressSummary.Stressful
            : StressSummary.Normal;

        return new DayScores(sleepContributors, sleepScore, readiness, activityContributors, activityScore, stressHigh, recoveryHigh, summary);
    }

    /// <summary>Oura's contributor and score range: an integer in [1, 100].</summary>
    public static int Score(double value) => Math.Clamp((int)Math.Round(value), 1, 100);
}
