using System.Globalization;

namespace OuraMcp.Server.Views;

/// <summary>Local days as answers write them.</summary>
public static class Days
{
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local day of an instant in the time zone it was recorded in.</summary>
    public static DateOnly Of(DateTimeOffset moment) => DateOnly.FromDateTime(moment.DateTime);
}
