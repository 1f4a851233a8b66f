namespace OuraMcp.Server.Tools;

/// <summary>The named groups of tools; <c>--toolsets</c> picks among them.</summary>
public static class Toolsets
{
    public const string Profile = "profile";
    public const string Summary = "summary";
    public const string Sleep = "sleep";
    public const string Readiness = "readiness";
    public const string Activity = "activity";
    public const string Heart = "heart";
    public const string Body = "body";
    public const string Tags = "tags";
    public const string Device = "device";
    public const string Documents = "documents";
    public const string Analytics = "analytics";
    public const string Charts = "charts";
    public const string History = "history";
    public const string Webhooks = "webhooks";

    /// <summary>Every toolset with a one-line description, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Profile, "who the person is: age, weight, height"),
        (Summary, "one row per day with every score side by side"),
        (Sleep, "nights, naps and bedtime guidance"),
        (Readiness, "readiness and resilience"),
        (Activity, "daily activity, workouts and sessions"),
        (Heart, "heart rate, stress, cardiovascular age, VO2 max"),
        (Body, "blood oxygen"),
        (Tags, "the person's tags and notes"),
        (Device, "ring configuration, battery, rest mode"),
        (Documents, "any document by collection and id"),
        (Analytics, "trend, period comparison, lagged correlation, tag effect and anomalies of any daily metric"),
        (Charts, "a PNG chart of any daily metric or of heart rate, for clients that show images"),
        (History, "fill the local history that answers settled days without Oura calls"),
        (Webhooks, "the Oura app's webhook subscriptions (app administration; needs OURA_CLIENT_ID/OURA_CLIENT_SECRET)"),
    ];

    /// <summary>The toolsets served when <c>--toolsets</c> is not given: every data toolset.</summary>
    public static readonly IReadOnlySet<string> Default = All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string name) => All.Any(t => t.Name == name);
}
