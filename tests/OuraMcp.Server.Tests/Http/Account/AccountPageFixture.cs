using Microsoft.Data.Sqlite;
using OuraMcp.Server.Tests.Http.OAuth;

namespace OuraMcp.Server.Tests.Http.Account;

/// <summary>
/// The hosted server (<see cref="OAuthServerFixture"/>) with a history store, and what the account page's tests read of
/// its databases directly: the rows kept for a person, to see that "delete all my data" leaves none.
/// </summary>
public sealed class AccountPageFixture : OAuthServerFixture
{
    public string HistoryPath => Path.Combine(DataDirectory, "history.db");

    protected override string? HistoryStore => HistoryPath;

    /// <summary>The one person who connected (the fake Oura signs in one), by their row in the authorization database.</summary>
    public string? PersonId() => Scalar(Path.Combine(DataDirectory, "oauth.db"), "SELECT Id FROM People LIMIT 1") as string;

    /// <summary>The rows kept for <paramref name="personId"/>, by table.</summary>
    public IReadOnlyDictionary<string, long> RowsOf(string personId)
    {
        var oauth = Path.Combine(DataDirectory, "oauth.db");
        var rows = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["People"] = Count(oauth, "SELECT COUNT(*) FROM People WHERE Id = $p", personId),
            ["OpenIddictAuthorizations"] = Count(oauth, "SELECT COUNT(*) FROM OpenIddictAuthorizations WHERE Subject = $p", personId),
            ["OpenIddictTokens"] = Count(oauth, "SELECT COUNT(*) FROM OpenIddictTokens WHERE Subject = $p", personId),
            ["tokens"] = Count(Path.Combine(DataDirectory, "tokens.db"), "SELECT COUNT(*) FROM tokens WHERE account = $p", personId),
        };
        if (File.Exists(HistoryPath))
        {
            rows["history_documents"] = Count(HistoryPath, "SELECT COUNT(*) FROM history_documents WHERE person = $p", personId);
            rows["history_settled"] = Count(HistoryPath, "SELECT COUNT(*) FROM history_settled WHERE person = $p", personId);
        }

        return rows;
    }

    private static long Count(string path, string sql, string personId) => Convert.ToInt64(Scalar(path, sql, personId), System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(string path, string sql, string? personId = null)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (personId is not null) command.Parameters.AddWithValue("$p", personId);
        return command.ExecuteScalar();
    }
}
