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
        return new SqliteHistoryStore(DefaultPath(getVariable));
    }

    /// <summary>
    /// The history the tools read through: the one <c>OURA_HISTORY_STORE</c> names, else the default file once a sync
    /// has made it; null when no history is kept, so that answering never starts one by surprise.
    /// </summary>
    public static IHistoryStore? OpenIfKept(Func<string, string?> getVariable) =>
        !string.IsNullOrWhiteSpace(getVariable(Variable)) || File.Exists(DefaultPath(getVariable)) ? Create(getVariable) : null;

    private static string DefaultPath(Func<string, string?> getVariable)
    {
        var configHome = getVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome))
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "oura-mcp", "history.db");
    }
}
