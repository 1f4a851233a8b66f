namespace OuraMcp.Server.Tools;

/// <summary>Parameter descriptions shared by the tools, so the same argument reads the same everywhere.</summary>
internal static class ParameterDocs
{
    public const string StartDate =
        "First local day, yyyy-MM-dd (e.g. 2026-03-01). Default: 6 days before end_date, or 7 days ending today in the user's time zone.";

    public const string EndDate =
        "Last local day, inclusive, yyyy-MM-dd. Default: today (or 6 days after start_date). At most 366 days per call.";

    public const string Detail =
        "true returns Oura's whole documents instead of the compact rows (much larger; use only when the compact view lacks a value).";

    public const string Fields =
        "Return only these members of Oura's documents (e.g. [\"day\",\"score\"]); an unknown name is an error listing the valid ones.";

    public const string Cursor =
        "Continuation from an earlier answer that was cut at the response budget. Send it alone or with the same arguments.";

    public const string StartDateTime =
        "Start instant, ISO 8601 (e.g. 2026-03-05T08:00:00+02:00; no offset means the user's time zone). Use instead of start_date for part of a day.";

    public const string EndDateTime = "End instant (exclusive), ISO 8601. Default: 24 hours after start_datetime, or now.";

    public const string SeriesStartDate = "First local day, yyyy-MM-dd: the whole day from local midnight. Use instead of start_datetime.";

    public const string SeriesEndDate = "Last local day, inclusive, yyyy-MM-dd.";

    public const string Resolution =
        "raw (every sample), 5min, hourly (default) or daily buckets with min/mean/max/count. Per call: raw and 5min up to 31 days, hourly 92, daily 366.";

    public const string Latest = "true returns only the most recent reading (ignores the range).";
}
