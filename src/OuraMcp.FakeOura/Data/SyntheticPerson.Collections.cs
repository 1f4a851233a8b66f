using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Data;

// How each collection's documents are drawn from the person's world.
public sealed partial class SyntheticPerson
{
    private const double BatteryDrainPerHour = 1.15;
    private const double BatteryChargePerMinute = 1.3;

    private IEnumerable<FakeDocument> SleepDocuments()
    {
        var w = World;
        foreach (var day in Days())
        {
            var periods = new[] { w.Night(day) }.Concat(w.Plan(day).ShortSleeps).OrderBy(s => s.Start).ToList();
            for (var period = 0; period < periods.Count; period++)
            {
                var record = periods[period];
                var id = w.Id("sleep", day, period);
                yield return new FakeDocument(id, day, record.Start, SleepPeriodOf(id, record, period));
            }
        }
    }

    private SleepPeriod SleepPeriodOf(string id, SleepRecord record, int period)
    {
        var w = World;
        var clock = w.Clock;
        var main = record.Type == SleepType.LongSleep;
        var rng = w.Random("sleep_extra", record.Day);
        for (var i = 0; i < period; i++) rng.NextUInt64();
        var start = clock.Local(record.Start);
        return new SleepPeriod
        {
            Id = id,
            AverageBreath = record.AverageBreath,
            AverageHeartRate = record.AverageHeartRate,
            AverageHrv = record.AverageHrv,
            AwakeTime = record.Awake,
            BedtimeEnd = clock.Local(record.End),
            BedtimeStart = start,
            Day = record.Day,
            DeepSleepDuration = record.Deep,
            Efficiency = record.Efficiency,
            HeartRate = new Sample { Interval = SleepRecord.BlockSeconds, Items = record.HeartRate, Timestamp = start },
            Hrv = new Sample { Interval = SleepRecord.BlockSeconds, Items = record.Hrv, Timestamp = start },
            Latency = record.LatencySeconds,
            LightSleepDuration = record.Light,
            LowBatteryAlert = BatteryAt(record.End).Level < 15,
            LowestHeartRate = record.LowestHeartRate,
            Movement30Sec = record.Movement30Sec,
            Period = period,
            Readiness = main ? w.Scores(record.Day).Readiness : null,
            ReadinessScoreDelta = main ? null : rng.Int(0, 3),
            RemSleepDuration = record.Rem,
            RestlessPeriods = record.RestlessPeriods,
            SleepAlgorithmVersion = SleepAlgorithmVersion.V2,
            SleepAnalysisReason = rng.Chance(0.85) ? SleepAnalysisReason.ForegroundSleepAnalysis
                : rng.Pick([SleepAnalysisReason.BackgroundSleepAnalysis, SleepAnalysisReason.BackgroundCreatedForegroundUpdated, SleepAnalysisReason.BedtimeEdit]),
            SleepPhase30Sec = record.Phases30Sec,
            SleepPhase5Min = record.Phases5Min,
            SleepScoreDelta = main ? null : rng.Int(0, 4),
            TimeInBed = record.TimeInBed,
            TotalSleepDuration = record.TotalSleep,
            Type = record.Type,
            RingId = RingAt(record.Start).Serial,
            AppSleepPhase5Min = record.Phases5Min,
        };
    }

    private FakeDocument DailySleepOf(DateOnly day)
    {
        var scores = World.Scores(day);
        var id = World.Id("daily_sleep", day);
        return Document(id, day, new DailySleep
        {
            Id = id, Day = day, Contributors = scores.SleepContributors, Score = scores.SleepScore, Timestamp = World.Clock.Midnight(day),
        });
    }

    private FakeDocument DailyReadinessOf(DateOnly day)
    {
        var readiness = World.Scores(day).Readiness;
        var id = World.Id("daily_readiness", day);
        return Document(id, day, new DailyReadiness
        {
            Id = id, Day = day, Contributors = readiness.Contributors, Score = readiness.Score,
            TemperatureDeviation = readiness.TemperatureDeviation, TemperatureTrendDeviation = readiness.TemperatureTrendDeviation,
            Timestamp = World.Clock.Midnight(day),
        });
    }

    private FakeDocument DailyActivityOf(DateOnly day)
    {
        var w = World;
        var stats = w.Activity(day);
        var scores = w.Scores(day);
        var id = w.Id("daily_activity", day);
        var start = w.Clock.Local(stats.Start);
        var model = new DailyActivity
        {
            Id = id,
            ActiveCalories = stats.ActiveCalories,
            AverageMetMinutes = stats.AverageMet,
            Class5Min = stats.Class5Min,
            Contributors = scores.ActivityContributors,
            Day = day,
            EquivalentWalkingDistance = stats.EquivalentWalkingDistance,
            HighActivityMetMinutes = stats.HighMetMinutes,
            HighActivityTime = stats.Seconds('5'),
            InactivityAlerts = stats.InactivityAlerts,
            LowActivityMetMinutes = stats.LowMetMinutes,
            LowActivityTime = stats.Seconds('3'),
            MediumActivityMetMinutes = stats.MediumMetMinutes,
            MediumActivityTime = stats.Seconds('4'),
            Met = new Sample { Interval = 60, Items = stats.Met, Timestamp = start },
            MetersToTarget = Math.Max(0, w.TargetMeters - stats.EquivalentWalkingDistance),
            NonWearTime = stats.Seconds('0'),
            RestingTime = stats.Seconds('1'),
            Score = scores.ActivityScore,
            SedentaryMetMinutes = stats.SedentaryMetMinutes,
            SedentaryTime = stats.Seconds('2'),
            Steps = stats.Steps,
            TargetCalories = w.Profile.TargetCalories,
            TargetMeters = w.TargetMeters,
            Timestamp = start,
            TotalCalories = stats.TotalCalories,
        };
        return new FakeDocument(id, day, start, model);
    }

    private FakeDocument DailyStressOf(DateOnly day)
    {
        var scores = World.Scores(day);
        var id = World.Id("daily_stress", day);
        return Document(id, day, new DailyStress
        {
            Id = id, Day = day, StressHigh = scores.StressHigh, RecoveryHigh = scores.RecoveryHigh,
            DaySummary = scores.StressSummary is { } summary ? summary : null,
        });
    }

    private FakeDocument DailyResilienceOf(DateOnly day)
    {
        var w = World;
        var scores = w.Scores(day);
        var sleepRecovery = Enumerable.Range(0, 7).Average(i => w.SleepScore(day.AddDays(-i)));
        var daytimeRecovery = Math.Clamp(25 + scores.RecoveryHigh / 180.0, 0, 100);
        var stress = Math.Clamp(100 - scores.StressHigh / 320.0, 0, 100);
        var mean = (sleepRecovery + daytimeRecovery + stress) / 3;
        var id = w.Id("daily_resilience", day);
        return Document(id, day, new DailyResilience
        {
            Id = id,
            Day = day,
            Contributors = new ResilienceContributors
            {
                SleepRecovery = Math.Round(sleepRecovery, 1), DaytimeRecovery = Math.Round(daytimeRecovery, 1), Stress = Math.Round(stress, 1),
            },
            Level = mean switch
            {
                < 45 => ResilienceLevel.Limited,
                < 58 => ResilienceLevel.Adequate,
                < 70 => ResilienceLevel.Solid,
                < 82 => ResilienceLevel.Strong,
                _ => ResilienceLevel.Exceptional,
            },
        });
    }

    private FakeDocument DailySpO2Of(DateOnly day)
    {
        var w = World;
        var rng = w.Random("spo2", day);
        var ill = w.RestMode(day) is not null;
        var drank = w.Flags(day.AddDays(-1)).Alcohol;
        var id = w.Id("daily_spo2", day);
        return Document(id, day, new DailySpO2
        {
            Id = id,
            Day = day,
            BreathingDisturbanceIndex = Math.Clamp((int)Math.Round(rng.Normal(4, 2.5) + (drank ? 5 : 0) + (ill ? 3 : 0)), 0, 100),
            Spo2Percentage = new SpO2AggregatedValues { Average = Math.Round(Math.Clamp(rng.Normal(97.1, 0.6) - (ill ? 0.8 : 0), 90, 100), 3) },
        });
    }

    private FakeDocument CardiovascularAgeOf(DateOnly day)
    {
        var w = World;
        var rng = w.Random("cardiovascular_age", day);
        var drift = 1.5 * Math.Sin(day.DayNumber / 70.0 + w.Profile.Phase);
        var vascularAge = Math.Clamp((int)Math.Round(w.Profile.Age - 2 + drift + rng.Normal(0, 0.5)), 18, 100);
        var id = w.Id("daily_cardiovascular_age", day);
        return Document(id, day, new DailyCardiovascularAge
        {
            Id = id, Day = day, VascularAge = vascularAge,
            PulseWaveVelocity = Math.Round(4.6 + 0.075 * (vascularAge - 18) + rng.Normal(0, 0.08), 2),
        });
    }

    private FakeDocument? VO2MaxOf(DateOnly day)
    {
        var w = World;
        if (day.DayOfWeek != w.Profile.Vo2MaxWeekday) return null;
        var rng = w.Random("vo2_max", day);
        var id = w.Id("vO2_max", day);
        return Document(id, day, new VO2Max
        {
            Id = id, Day = day,
            Timestamp = w.Clock.Local(w.Night(day).End.AddMinutes(rng.Int(20, 90))),
            Vo2Max = (int)Math.Round(w.Profile.Vo2MaxBase + 1.5 * Math.Sin(day.DayNumber / 45.0 + w.Profile.Phase) + rng.Normal(0, 0.6)),
        });
    }

    private FakeDocument SleepTimeOf(DateOnly day)
    {
        var w = World;
        var rng = w.Random("sleep_time", day);
        var midnight = w.Clock.Midnight(day);
        // The window is relative to the midnight ending the day: bedtimes before it are negative offsets.
        var start = (int)Math.Round((w.Profile.BedtimeHours - 24) * 4) * 900;
        var lastNight = w.Night(day);
        var lastBedtime = (lastNight.Start - w.Clock.Midnight(day.AddDays(-1)).AddDays(1)).TotalSeconds;
        var recentEfficiency = Enumerable.Range(0, 3).Average(i => w.Night(day.AddDays(-i)).Efficiency);
        var status = recentEfficiency < 80 ? SleepTimeStatus.BadSleepQuality
            : rng.Chance(0.1) ? SleepTimeStatus.OnlyRecommendedFound : SleepTimeStatus.OptimalFound;
        var recommendation = status == SleepTimeStatus.BadSleepQuality ? SleepTimeRecommendation.ImproveEfficiency
            : lastBedtime > start + 2700 + 900 ? SleepTimeRecommendation.EarlierBedtime
            : lastBedtime < start - 900 ? SleepTimeRecommendation.LaterBedtime
            : SleepTimeRecommendation.FollowOptimalBedtime;
        var id = w.Id("sleep_time", day);
        return Document(id, day, new SleepTime
        {
            Id = id,
            Day = day,
            OptimalBedtime = new SleepTimeWindow { DayTz = (int)midnight.Offset.TotalSeconds, StartOffset = start, EndOffset = start + 2700 },
            Recommendation = recommendation,
            Status = status,
        });
    }

    private IEnumerable<FakeDocument> WorkoutDocuments()
    {
        var w = World;
        foreach (var day in Days())
        {
            var workouts = w.Plan(day).Workouts;
            for (var i = 0; i < workouts.Count; i++)
            {
                var plan = workouts[i];
                var seconds = (plan.End - plan.Start).TotalSeconds;
                var id = w.Id("workout", day, i);
                yield return new FakeDocument(id, day, plan.Start, new Workout
                {
                    Id = id,
                    Activity = plan.Activity,
                    Calories = Math.Round(plan.Met * 3.5 * w.Profile.WeightKg / 200 * seconds / 60, 1),
                    Day = day,
                    Distance = plan.MetersPerSecond is { } speed ? Math.Round(speed * seconds, 1) : null,
                    EndDatetime = w.Clock.Local(plan.End),
                    Intensity = plan.Intensity,
                    Label = plan.Label,
                    Source = plan.Source,
                    StartDatetime = w.Clock.Local(plan.Start),
                });
            }
        }
    }

    private IEnumerable<FakeDocument> SessionDocuments()
    {
        var w = World;
        foreach (var day in Days())
        {
            var sessions = w.Plan(day).Sessions;
            for (var i = 0; i < sessions.Count; i++)
            {
                var plan = sessions[i];
                var rng = w.Random("session", day);
                var count = (int)((plan.End - plan.Start).TotalSeconds / 5);
                var start = w.Clock.Local(plan.Start);
                var heartRate = new double?[count];
                var hrv = new double?[count];
                var motion = new double?[count];
                for (var k = 0; k < count; k++)
                {
                    var settle = 4.0 * (1 - (double)k / count);
                    heartRate[k] = Math.Round(w.Profile.RestingHeartRate + 3 + settle + rng.Normal(0, 1.5));
                    hrv[k] = rng.Chance(0.05) ? null : Math.Round(Math.Max(8, w.Profile.BaseHrv + 6 - settle * 2 + rng.Normal(0, 6)));
                    motion[k] = rng.Chance(0.85) ? 0 : rng.Int(1, 4);
                }
                var id = w.Id("session", day, i);
                yield return new FakeDocument(id, day, w.Clock.Midnight(day), new Session
                {
                    Id = id,
                    Day = day,
                    StartDatetime = start,
                    EndDatetime = w.Clock.Local(plan.End),
                    Type = plan.Type,
                    Mood = plan.Mood is { } mood ? mood : null,
                    HeartRate = new Sample { Interval = 5, Items = heartRate, Timestamp = start },
                    HeartRateVariability = new Sample { Interval = 5, Items = hrv, Timestamp = start },
                    MotionCount = new Sample { Interval = 5, Items = motion, Timestamp = start },
                });
            }
        }
    }

    private IEnumerable<FakeDocument> TagDocuments()
    {
        var w = World;
        foreach (var day in Days())
        {
            var flags = w.Flags(day);
            var rng = w.Random("tag", day);
            var index = 0;
            FakeDocument Note(TimeSpan at, string? text, params string[] tags)
            {
                var id = w.Id("tag", day, index++);
                return Document(id, day, new Tag { Id = id, Day = day, Text = text, Tags = tags, Timestamp = w.Clock.LocalText(w.Clock.At(day, at)) });
            }
            if (flags.Alcohol) yield return Note(new TimeSpan(20, rng.Int(0, 60), 0), rng.Chance(0.5) ? "Wine with dinner" : null, "tag_generic_alcohol");
            if (flags.LateMeal) yield return Note(new TimeSpan(21, rng.Int(0, 50), 0), null, "tag_generic_late_meal");
            if (flags.Note) yield return Note(new TimeSpan(rng.Int(9, 21), rng.Int(0, 60), 0), rng.Pick(["Busy day at work", "Felt great", "Travel day", "Headache in the afternoon"]));
        }
    }

    private IEnumerable<FakeDocument> EnhancedTagDocuments()
    {
        var w = World;
        foreach (var day in Days())
        {
            var flags = w.Flags(day);
            var rng = w.Random("enhanced_tag", day);
            var index = 0;
            FakeDocument Tag(TimeSpan at, TimeSpan? duration, string? code, string? comment = null, string? customName = null)
            {
                var start = w.Clock.At(day, at);
                var end = duration is { } d ? start + d : (DateTimeOffset?)null;
                var id = w.Id("enhanced_tag", day, index++);
                return Document(id, day, new EnhancedTag
                {
                    Id = id,
                    TagTypeCode = code,
                    StartTime = w.Clock.LocalText(start),
                    EndTime = end is { } e ? w.Clock.LocalText(e) : null,
                    StartDay = day,
                    EndDay = end is { } e2 ? w.Clock.DayOf(e2) : null,
                    Comment = comment,
                    CustomName = customName,
                });
            }
            if (flags.LateCaffeine) yield return Tag(new TimeSpan(15, rng.Int(0, 60), 0), null, "tag_generic_caffeine");
            if (flags.Sauna) yield return Tag(new TimeSpan(19, rng.Int(0, 30), 0), TimeSpan.FromMinutes(rng.Int(15, 35)), "tag_generic_sauna");
            if (flags.Alcohol) yield return Tag(new TimeSpan(20, rng.Int(0, 60), 0), null, "tag_generic_alcohol", rng.Chance(0.3) ? "Two glasses" : null);
            if (flags.LateMeal) yield return Tag(new TimeSpan(21, rng.Int(0, 50), 0), null, "tag_generic_late_meal");
            if (flags.Note) yield return Tag(new TimeSpan(rng.Int(9, 21), rng.Int(0, 60), 0), null, null, rng.Pick(["Long day", "Felt rested", "Travelling"]));
            if (rng.Chance(0.015)) yield return Tag(new TimeSpan(7, rng.Int(0, 60), 0), TimeSpan.FromMinutes(rng.Int(2, 6)), "custom", null, "Cold plunge");
        }
    }

    private IEnumerable<FakeDocument> RestModeDocuments()
    {
        var w = World;
        for (var block = FirstDay.DayNumber / 14; block <= LastDay.DayNumber / 14; block++)
        {
            if (w.RestModeBlock(block) is not { } span || span.Start < FirstDay || span.Start > LastDay) continue;
            var rng = w.Random("rest_mode_period", span.Start);
            var start = w.Clock.At(span.Start, new TimeSpan(9, rng.Int(0, 60), 0));
            // A rest mode still on at the end of the data has no end yet.
            var ended = span.End <= LastDay;
            var end = w.Clock.At(span.End, new TimeSpan(18, rng.Int(0, 60), 0));
            var episodes = new List<RestModeEpisode>();
            for (var day = span.Start; day <= (ended ? span.End : LastDay); day = day.AddDays(1))
            {
                if (day != span.Start && !rng.Chance(0.5)) continue;
                episodes.Add(new RestModeEpisode
                {
                    Timestamp = w.Clock.At(day, new TimeSpan(10, rng.Int(0, 60), 0)),
                    Tags = day == span.Start
                        ? [rng.Pick(["tag_generic_fever", "tag_generic_cold", "tag_generic_sore_throat"]), "tag_generic_fatigue"]
                        : [rng.Pick(["tag_generic_fatigue", "tag_generic_headache", "tag_generic_cold"])],
                });
            }
            var id = w.Id("rest_mode_period", span.Start);
            yield return Document(id, span.Start, new RestModePeriod
            {
                Id = id,
                StartDay = span.Start,
                StartTime = start,
                EndDay = ended ? span.End : null,
                EndTime = ended ? end : null,
                Episodes = episodes,
            });
        }
    }

    private sealed record Ring(string Id, string Serial, DateTimeOffset SetUpAt, RingConfiguration Configuration);

    /// <summary>An older ring set up the evening before the data starts, replaced by a newer one part-way through.</summary>
    private IReadOnlyList<Ring> Rings => _rings.Value;

    private IReadOnlyList<Ring> BuildRings()
    {
        var w = World;
        var rng = SeededRandom.For(_seed, Id, "rings");
        var size = rng.Int(6, 13);
        var replacedOn = FirstDay.AddDays((int)((LastDay.DayNumber - FirstDay.DayNumber) * 0.6));
        (DateOnly Day, TimeSpan At, RingHardwareType Hardware, RingDesign Design, RingColor Color, string Firmware)[] specs =
        [
            (FirstDay.AddDays(-1), new TimeSpan(19, rng.Int(0, 60), rng.Int(0, 60)), RingHardwareType.Gen3, RingDesign.Heritage,
                rng.Pick([RingColor.Silver, RingColor.StealthBlack, RingColor.GlossyGold]), "2.9.21"),
            (replacedOn, new TimeSpan(20, rng.Int(0, 60), rng.Int(0, 60)), RingHardwareType.Gen4, RingDesign.Horizon,
                rng.Pick([RingColor.BrushedSilver, RingColor.Titanium, RingColor.Midnight]), "3.1.16"),
        ];
        return specs.Select((s, i) =>
        {
            var setUpAt = w.Clock.At(s.Day, s.At).ToUniversalTime();
            var id = w.Id("ring_configuration", s.Day, i);
            var serial = StableHash.Id(_seed, Id, "ring_serial", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("-", "", StringComparison.Ordinal);
            return new Ring(id, serial, setUpAt, new RingConfiguration
            {
                Id = id, Color = s.Color, Design = s.Design, FirmwareVersion = s.Firmware, HardwareType = s.Hardware,
                SetUpAt = setUpAt, Size = size,
            });
        }).ToList();
    }

    private Ring RingAt(DateTimeOffset instant) => Rings.Last(r => r.SetUpAt <= instant || r == Rings[0]);

    private IEnumerable<FakeDocument> RingDocuments() =>
        Rings.Select(r => Document(r.Id, World.Clock.DayOf(r.SetUpAt), r.Configuration));

    private IEnumerable<FakeDocument> HeartRateRows()
    {
        var w = World;
        var profile = w.Profile;
        var end = w.Clock.Midnight(LastDay.AddDays(1));
        SeededRandom? rng = null;
        var rngDay = DateOnly.MinValue;
        for (var t = w.Clock.Midnight(FirstDay).ToUniversalTime(); t < end; t = t.AddMinutes(5))
        {
            var day = w.Clock.DayOf(t);
            if (day != rngDay) { rng = w.Random("heartrate", day); rngDay = day; }
            var span = w.StretchAt(t);
            int bpm;
            HeartRateSource source;
            switch (span?.Kind)
            {
                case StretchKind.NonWear:
                    continue;
                case StretchKind.Sleep:
                    bpm = ((SleepRecord)span.Source!).HeartRateAt(t);
                    source = HeartRateSource.Sleep;
                    break;
                case StretchKind.Workout:
                    var workout = (WorkoutPlan)span.Source!;
                    var target = workout.Intensity switch { WorkoutIntensity.Easy => 108, WorkoutIntensity.Moderate => 138, _ => 158 };
                    var ramp = Math.Min(1, (t - workout.Start).TotalMinutes / 8);
                    bpm = (int)Math.Round(profile.RestingHeartRate + 25 + (target - profile.RestingHeartRate - 25) * ramp + rng!.Normal(0, 4));
                    source = HeartRateSource.Workout;
                    break;
                case StretchKind.Session:
                    bpm = (int)Math.Round(profile.RestingHeartRate + 5 + rng!.Normal(0, 2));
                    source = HeartRateSource.Session;
                    break;
                case StretchKind.Rest:
                    bpm = (int)Math.Round(profile.RestingHeartRate + 10 + rng!.Normal(0, 3));
                    source = HeartRateSource.Rest;
                    break;
                default:
                    var stats = w.ActivityAt(t);
                    var slot = stats is null ? -1 : Math.Clamp((int)((t - stats.Start).TotalMinutes / 5), 0, 287);
                    var activityClass = slot < 0 ? '2' : stats!.Class5Min[slot];
                    var hour = w.Clock.LocalHour(t);
                    var circadian = 4 * Math.Sin((hour - 9) / 24 * 2 * Math.PI);
                    var bump = activityClass switch { '3' => 12, '4' => 26, '5' => 45, _ => 0 };
                    bpm = (int)Math.Round(profile.RestingHeartRate + 18 + circadian + bump + rng!.Normal(0, 4));
                    source = HeartRateSource.Awake;
                    break;
            }
            yield return new FakeDocument(null, day, t, new HeartRateSample
            {
                Timestamp = t, TimestampUnix = t.ToUnixTimeMilliseconds(), Bpm = bpm, Source = source,
            });
        }
    }

    private IEnumerable<FakeDocument> BatteryRows()
    {
        var w = World;
        var end = w.Clock.Midnight(LastDay.AddDays(1));
        for (var t = w.Clock.Midnight(FirstDay).ToUniversalTime(); t < end; t = t.AddMinutes(30))
        {
            var (level, charging, inCharger) = BatteryAt(t);
            yield return new FakeDocument(null, w.Clock.DayOf(t), t, new RingBatteryLevel
            {
                Timestamp = t, TimestampUnix = t.ToUnixTimeMilliseconds(), Level = level, Charging = charging, InCharger = inCharger,
            });
        }
    }

    /// <summary>The ring's battery: full when it leaves the charger, draining steadily until the next charge.</summary>
    private (int Level, bool Charging, bool InCharger) BatteryAt(DateTimeOffset instant)
    {
        var w = World;
        var charge = LastChargeStartedBy(instant, w.Clock.DayOf(instant));
        if (charge is null) return (Drained(w.Clock.Midnight(w.Origin), instant), false, false);
        if (instant >= charge.End) return (Drained(charge.End, instant), false, false);
        var previous = LastChargeStartedBy(charge.Start.AddSeconds(-1), w.Clock.DayOf(charge.Start).AddDays(-1));
        var from = Drained(previous?.End ?? w.Clock.Midnight(w.Origin), charge.Start);
        var level = (int)Math.Min(100, from + (instant - charge.Start).TotalMinutes * BatteryChargePerMinute);
        return (level, level < 100, true);
    }

    private Stretch? LastChargeStartedBy(DateTimeOffset instant, DateOnly day)
    {
        var w = World;
        for (var d = day; d >= day.AddDays(-4) && d >= w.Origin; d = d.AddDays(-1))
        {
            if (d > w.LastDay) continue;
            if (w.Plan(d).Charge is { } charge && charge.Start <= instant) return charge;
        }
        return null;
    }

    private static int Drained(DateTimeOffset full, DateTimeOffset instant) =>
        Math.Clamp(100 - (int)((instant - full).TotalHours * BatteryDrainPerHour), 1, 100);
}
