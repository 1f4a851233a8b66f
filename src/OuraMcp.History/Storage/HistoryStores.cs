using OuraMcp.Accounts.Storage;

namespace OuraMcp.History.Storage;

/// <summary>Where the history is kept: <c>OURA_HISTORY_STORE</c> (a SQLite path or a PostgreSQL connection string), else the data directory.</summary>
public static class HistoryStores
{
    public const string Variable = "OURA_HISTORY_STORE";

    /// <summary>
    /// A <see cref="PostgresHistoryStore"/> for a PostgreSQL connection string, else a <see cref="SqliteHistoryStore"/> at
    /// the given path, or at <c>history.db</c> beside the tokens (<c>$XDG_CONFIG_HOME/oura-mcp</c>, else <c>~/.config/oura-mcp</c>),
    /// so one mounted folder keeps both.
    /// </summary>
    public static IHistoryStore Create(Func<string, string?> getVariable)
    {
        var configured = getVariable(Variable);
        if (PostgresConnection.Recognizes(configured)) return new PostgresHistoryStore(configured!);
        if (!string.IsNullOrWhiteSpace(configured)) return new SqliteHistoryStore(configured);
        var configHome = getVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome))
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new SqliteHistoryStore(Path.Combine(configHome, "oura-mcp", "history.db"));
    }
}
