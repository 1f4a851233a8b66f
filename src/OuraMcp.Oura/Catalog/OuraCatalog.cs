using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Catalog;

/// <summary>Every Oura API v2 data collection (openapi-1.35), and the webhook-subscription operations.</summary>
public static class OuraCatalog
{
    public static readonly OuraCollection<PersonalInfo> PersonalInfo = new()
    {
        Name = "personal_info", Title = "Personal info", Range = RangeKind.None, Scope = "personal",
        HasDocumentRoute = false, HasSandbox = false, SupportsFields = false, IsSingleton = true,
    };

    public static readonly OuraCollection<DailyActivity> DailyActivity = new()
    {
        Name = "daily_activity", Title = "Daily activity", Range = RangeKind.Dates, Scope = "daily",
        WebhookDataType = "daily_activity", DayField = "day", DayFilter = UpstreamDayFilter.UtcDateEndExclusive,
    };

    public static readonly OuraCollection<DailyCardiovascularAge> DailyCardiovascularAge = new()
    {
        Name = "daily_cardiovascular_age", Title = "Cardiovascular age", Range = RangeKind.Dates,
        WebhookDataType = "daily_cardiovascular_age", DayField = "day",
    };

    public static readonly OuraCollection<DailyReadiness> DailyReadiness = new()
    {
        Name = "daily_readiness", Title = "Daily readiness", Range = RangeKind.Dates, Scope = "daily",
        WebhookDataType = "daily_readiness", DayField = "day",
    };

    public static readonly OuraCollection<DailyResilience> DailyResilience = new()
    {
        Name = "daily_resilience", Title = "Daily resilience", Range = RangeKind.Dates,
        WebhookDataType = "daily_resilience", DayField = "day", SupportsFields = false,
    };

    public static readonly OuraCollection<DailySleep> DailySleep = new()
    {
        Name = "daily_sleep", Title = "Daily sleep", Range = RangeKind.Dates, Scope = "daily",
        WebhookDataType = "daily_sleep", DayField = "day",
    };

    public static readonly OuraCollection<DailySpO2> DailySpO2 = new()
    {
        Name = "daily_spo2", Title = "Daily SpO2", Range = RangeKind.Dates, Scope = "spo2Daily",
        WebhookDataType = "daily_spo2", DayField = "day",
    };

    public static readonly OuraCollection<DailyStress> DailyStress = new()
    {
        Name = "daily_stress", Title = "Daily stress", Range = RangeKind.Dates,
        WebhookDataType = "daily_stress", DayField = "day",
    };

    public static readonly OuraCollection<EnhancedTag> EnhancedTag = new()
    {
        Name = "enhanced_tag", Title = "Enhanced tags", Range = RangeKind.Dates, Scope = "tag",
        WebhookDataType = "enhanced_tag", DayField = "start_day", SupportsFields = false, DayFilter = UpstreamDayFilter.Unproven,
    };

    public static readonly OuraCollection<HeartRateSample> HeartRate = new()
    {
        Name = "heartrate", Title = "Heart rate", Range = RangeKind.DateTimes, Scope = "heartrate",
        HasDocumentRoute = false, SupportsLatest = true,
    };

    public static readonly OuraCollection<RestModePeriod> RestModePeriod = new()
    {
        Name = "rest_mode_period", Title = "Rest mode periods", Range = RangeKind.Dates,
        WebhookDataType = "rest_mode_period", DayField = "start_day",
    };

    public static readonly OuraCollection<RingBatteryLevel> RingBatteryLevel = new()
    {
        Name = "ring_battery_level", Title = "Ring battery level", Range = RangeKind.DateTimes,
        HasDocumentRoute = false, SupportsLatest = true,
    };

    public static readonly OuraCollection<RingConfiguration> RingConfiguration = new()
    {
        Name = "ring_configuration", Title = "Ring configuration", Range = RangeKind.None,
        WebhookDataType = "ring_configuration",
    };

    public static readonly OuraCollection<Session> Session = new()
    {
        Name = "session", Title = "Sessions", Range = RangeKind.Dates, Scope = "session",
        WebhookDataType = "session", DayField = "day", DayFilter = UpstreamDayFilter.Unproven,
    };

    public static readonly OuraCollection<SleepPeriod> Sleep = new()
    {
        Name = "sleep", Title = "Sleep periods", Range = RangeKind.Dates, Scope = "daily",
        WebhookDataType = "sleep", DayField = "day", DayFilter = UpstreamDayFilter.UtcDateEndExclusive,
    };

    public static readonly OuraCollection<SleepTime> SleepTime = new()
    {
        Name = "sleep_time", Title = "Sleep time (bedtime guidance)", Range = RangeKind.Dates, Scope = "daily",
        WebhookDataType = "sleep_time", DayField = "day",
    };

    public static readonly OuraCollection<Tag> Tag = new()
    {
        Name = "tag", Title = "Tags", Range = RangeKind.Dates, Scope = "tag",
        WebhookDataType = "tag", DayField = "day", SupportsFields = false, DayFilter = UpstreamDayFilter.Unproven,
    };

    public static readonly OuraCollection<VO2Max> VO2Max = new()
    {
        Name = "vO2_max", Title = "VO2 max", Range = RangeKind.Dates,
        WebhookDataType = "vo2_max", DayField = "day",
    };

    public static readonly OuraCollection<Workout> Workout = new()
    {
        Name = "workout", Title = "Workouts", Range = RangeKind.Dates, Scope = "workout",
        WebhookDataType = "workout", DayField = "day", DayFilter = UpstreamDayFilter.UtcDateEndExclusive,
    };

    /// <summary>All 19 collections, in the spec's alphabetical order.</summary>
    public static readonly IReadOnlyList<OuraCollection> All =
    [
        PersonalInfo, DailyActivity, DailyCardiovascularAge, DailyReadiness, DailyResilience, DailySleep, DailySpO2,
        DailyStress, EnhancedTag, HeartRate, RestModePeriod, RingBatteryLevel, RingConfiguration, Session, Sleep,
        SleepTime, Tag, VO2Max, Workout,
    ];

    /// <summary>Every OAuth scope Oura defines; sign-in asks for all of them by default.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["email", "personal", "daily", "heartrate", "workout", "tag", "session", "spo2Daily"];

    /// <summary>The six webhook-subscription operations. They authenticate with app credentials, not a user token.</summary>
    public static readonly IReadOnlyList<OuraWebhookOperation> WebhookOperations =
    [
        new("list", "GET", "/v2/webhook/subscription", SuccessStatus: 200, HasBody: false),
        new("create", "POST", "/v2/webhook/subscription", SuccessStatus: 201, HasBody: true),
        new("get", "GET", "/v2/webhook/subscription/{id}", SuccessStatus: 200, HasBody: false),
        new("update", "PUT", "/v2/webhook/subscription/{id}", SuccessStatus: 200, HasBody: true),
        new("delete", "DELETE", "/v2/webhook/subscription/{id}", SuccessStatus: 204, HasBody: false),
        new("renew", "PUT", "/v2/webhook/subscription/renew/{id}", SuccessStatus: 200, HasBody: false),
    ];

    /// <summary>The collection with this route segment or webhook data type (case-insensitive), or null.</summary>
    public static OuraCollection? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
                                || string.Equals(c.WebhookDataType, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One webhook-subscription operation. Unknown ids answer 403, not 404 (docs/oura-api.md §4).</summary>
public sealed record OuraWebhookOperation(string Name, string Method, string PathTemplate, int SuccessStatus, bool HasBody);
