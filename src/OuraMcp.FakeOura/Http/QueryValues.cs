using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace OuraMcp.FakeOura.Http;

/// <summary>Parses query parameters as strictly as Oura's pydantic models, collecting 422 issues instead of throwing.</summary>
internal static partial class QueryValues
{
    // ISO 8601 as pydantic reads it: 'T' or a space between date and time, an optional offset. A '+' that a client
    // forgot to escape arrives as a space before the offset and fails here, exactly as it does upstream.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    /// <summary>The single value of <paramref name="name"/>, or null when absent or empty.</summary>
    public static string? Get(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;

    public static DateTimeOffset? DateTime(IQueryCollection query, string name, List<Issue> issues)
    {
        if (Get(query, name) is not { } raw) return null;
        if (TryDateTime(raw, out var value)) return value;
        issues.Add(new Issue(["query", name], "Input should be a valid datetime, invalid timezone or date/time separator", "datetime_from_date_parsing"));
        return null;
    }

    /// <summary>A day: <c>YYYY-MM-DD</c>, or a full datetime whose calendar date (as written, in its own offset) is taken.</summary>
    public static DateOnly? Day(IQueryCollection query, string name, List<Issue> issues)
    {
        if (Get(query, name) is not { } raw) return null;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (TryDateTime(raw, out var moment)) return DateOnly.FromDateTime(moment.DateTime);
        issues.Add(new Issue(["query", name], "Input should be a valid date or datetime, invalid date separator", "date_from_datetime_parsing"));
        return null;
    }

    /// <summary>pydantic's lax booleans.</summary>
    public static bool? Bool(IQueryCollection query, string name, List<Issue> issues)
    {
        if (Get(query, name) is not { } raw) return null;
        switch (raw.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "y" or "on" or "t": return true;
            case "false" or "0" or "no" or "n" or "off" or "f": return false;
            default:
                issues.Add(new Issue(["query", name], "Input should be a valid boolean, unable to interpret input", "bool_parsing"));
                return null;
        }
    }

    public static bool TryDateTime(string raw, out DateTimeOffset value)
    {
        value = default;
        return IsoDateTime().IsMatch(raw)
               && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
