namespace OuraMcp.FakeOura.Data;

/// <summary>The traits that make one synthetic person differ from another: all drawn once from the seed.</summary>
internal sealed record PersonProfile
{
    public required int Age { get; init; }
    public required string Sex { get; init; }
    public required double WeightKg { get; init; }
    public required double HeightCm { get; init; }
    public required int RestingHeartRate { get; init; }
    public required int BaseHrv { get; init; }

    /// <summary>Usual bedtime in hours after the previous midnight (23.25 = 23:15).</summary>
    public required double BedtimeHours { get; init; }
    public required double SleepNeedHours { get; init; }
    public required double WorkoutChance { get; init; }
    public required IReadOnlyList<string> Activities { get; init; }
    public required double SessionChance { get; init; }
    public required double NapChance { get; init; }
    public required double SaunaChance { get; init; }
    public required double Vo2MaxBase { get; init; }
    public required DayOfWeek Vo2MaxWeekday { get; init; }
    public required int TargetCalories { get; init; }

    /// <summary>Phase of the every-2-or-3-days charging rhythm, in twelfths.</summary>
    public required int ChargePhase { get; init; }
    public required double Phase { get; init; }

    /// <summary>Basal metabolic rate (Mifflin-St Jeor), kcal a day.</summary>
    public double BasalCalories => 10 * WeightKg + 6.25 * HeightCm - 5 * Age + (Sex == "male" ? 5 : -161);

    public static PersonProfile From(int seed, string id)
    {
        var rng = SeededRandom.For(seed, id, "profile");
        var sex = rng.Chance(0.5) ? "female" : "male";
        var male = sex == "male";
        var height = Math.Round(male ? rng.Normal(179, 6) : rng.Normal(166, 6), 1);
        var bmi = rng.Between(20.5, 26.5);
        var activities = rng.Pick<string[]>(
        [
            ["running", "walking", "strength_training", "cycling"],
            ["cycling", "walking", "yoga", "swimming"],
            ["walking", "running", "yoga", "strength_training", "hiit"],
        ]);
        return new PersonProfile
        {
            Age = rng.Int(27, 58),
            Sex = sex,
            HeightCm = height,
            WeightKg = Math.Round(bmi * height * height / 10_000, 1),
            RestingHeartRate = rng.Int(47, 62),
            BaseHrv = rng.Int(32, 68),
            BedtimeHours = rng.Between(22.9, 23.7),
            SleepNeedHours = rng.Between(7.2, 7.9),
            WorkoutChance = rng.Between(0.32, 0.55),
            Activities = activities,
            SessionChance = rng.Between(0.12, 0.25),
            NapChance = rng.Between(0.05, 0.1),
            SaunaChance = rng.Between(0.02, 0.08),
            Vo2MaxBase = rng.Between(36, 50),
            Vo2MaxWeekday = (DayOfWeek)rng.Int(0, 7),
            TargetCalories = rng.Int(42, 66) * 10,
            ChargePhase = rng.Int(0, 12),
            Phase = rng.Between(0, 2 * Math.PI),
        };
    }
}
