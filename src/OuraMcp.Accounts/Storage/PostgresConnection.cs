using System.Text.RegularExpressions;
using Npgsql;

namespace OuraMcp.Accounts.Storage;

/// <summary>
/// Reads a PostgreSQL connection string in either form people paste: Npgsql's <c>Host=…;Database=…</c> or a
/// <c>postgres://user:password@host:port/database?sslmode=…</c> URI. Errors never quote the string: it holds a password,
/// and a malformed one can put part of the password where a parser expects a keyword.
/// </summary>
public static partial class PostgresConnection
{
    /// <summary>Whether <paramref name="value"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool Recognizes(string? value) =>
        !string.IsNullOrWhiteSpace(value) &&
        (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
         value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
         KeywordHost().IsMatch(value));

    /// <summary>
    /// The Npgsql form of <paramref name="value"/>; throws <see cref="TokenStoreException"/> without quoting it, naming
    /// <paramref name="variable"/> as where the string came from.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Parse(string value, string variable = FileTokenStoreOptions.PathVariable)
    {
        var builder = value.Contains("://", StringComparison.Ordinal) ? FromUri(value, variable) : FromKeywords(value, variable);
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw Invalid(variable, "it names no host (Host=… or postgres://host/…)");
        // Names the connections in pg_stat_activity, so an operator can tell whose locks they are.
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "oura-mcp";
        return builder;
    }

    /// <summary>Where the store is, for messages: user, host, port and database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        var searchPath = string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})";
        return $"postgresql://{user}{builder.Host}:{builder.Port}/{builder.Database}{searchPath}";
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string value, string variable)
    {
        try { return new NpgsqlConnectionStringBuilder(value); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Not chained: the parser's message can quote a piece of the string, the password included.
            throw Invalid(variable, "it is not a list of keyword=value pairs separated by ';' (quote a value that contains ';' or '=')");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string value, string variable)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw Invalid(variable, "it is not a postgres://user:password@host:port/database URI (percent-encode special characters in the password)");

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.IdnHost };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0) builder.Database = database;

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = Uri.UnescapeDataString(equals < 0 ? "" : pair[(equals + 1)..]);
            // libpq's parameter names, which URIs copied from hosting dashboards use, mapped to Npgsql's keywords.
            var (keyword, mapped) = name.ToLowerInvariant() switch
            {
                "sslmode" => ("SSL Mode", setting.Replace("-", "", StringComparison.Ordinal)),
                "connect_timeout" => ("Timeout", setting),
                "application_name" => ("Application Name", setting),
                "options" => ("Options", setting),
                "target_session_attrs" => ("Target Session Attributes", setting),
                _ => (name, setting),
            };
            try { builder[keyword] = mapped; }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                // The parameter's name is safe to show; its value is not quoted, in case it was a misplaced secret.
                throw Invalid(variable, $"its parameter '{name}' is not one Npgsql understands, or its value is not valid");
            }
        }
        return builder;
    }

    private static TokenStoreException Invalid(string variable, string why) =>
        new($"The PostgreSQL connection string in {variable} is not valid: {why}.");

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordHost();
}
