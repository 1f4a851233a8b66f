using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OuraMcp.Accounts.Refresh;

/// <summary>
/// Refreshes of Oura sign-ins, on the activity source and meter "OuraMcp.Accounts": a span per refresh that reached
/// the store's lock, and a count by outcome. Tagged with the outcome and the token endpoint, never the account or a token.
/// </summary>
internal static class RefreshTelemetry
{
    public const string Name = "OuraMcp.Accounts";

    public const string RefreshSpan = "oura.token.refresh";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Tagged "outcome" = "refreshed", "already_refreshed" (by another caller or instance), "signed_out", "sign_in_required" or "failed".</summary>
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("oura.token.refreshes", description: "Refreshes of Oura sign-ins");

    public static void Count(Activity? activity, string outcome)
    {
        activity?.SetTag("outcome", outcome);
        if (outcome is "sign_in_required" or "failed") activity?.SetStatus(ActivityStatusCode.Error);
        Refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
