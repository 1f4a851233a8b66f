namespace OuraMcp.Accounts.Storage;

/// <summary>Where a token store lives and how it is keyed. <see cref="FromEnvironment"/> applies the documented variables.</summary>
public sealed class FileTokenStoreOptions
{
    public const string PathVariable = "OURA_TOKEN_STORE";
    public const string KeyVariable = "OURA_TOKEN_STORE_KEY";

    /// <summary>The store file (<c>tokens.json</c>, or a <c>.db</c>/<c>.sqlite</c> file for <see cref="SqliteTokenStore"/>).</summary>
    public required string Path { get; init; }

    /// <summary>The 32-byte key; null means the key file beside the store (<c>tokens.key</c>), created on first write.</summary>
    public byte[]? Key { get; init; }

    /// <summary>How long to wait for another process's lock before giving up with a clear error.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The key file used when <see cref="Key"/> is null: the store's name with the extension <c>.key</c>.</summary>
    public string KeyFilePath => System.IO.Path.ChangeExtension(Path, ".key");

    /// <summary>The lock file of a <see cref="FileTokenStore"/>: the store's name with the extension <c>.lock</c>.</summary>
    public string LockFilePath => System.IO.Path.ChangeExtension(Path, ".lock");

    /// <summary>Whether <see cref="Path"/> names a SQLite database rather than a JSON file.</summary>
    public bool IsSqlite => PostgresConnectionString is null && System.IO.Path.GetExtension(Path).ToLowerInvariant() is ".db" or ".sqlite" or ".sqlite3";

    /// <summary>
    /// A PostgreSQL connection string (<c>Host=…</c> or <c>postgres://…</c>) when <c>OURA_TOKEN_STORE</c> holds one; then
    /// <see cref="Path"/> is only its description (no password), and the key must come from <c>OURA_TOKEN_STORE_KEY</c>.
    /// </summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Whether the store is a <see cref="PostgresTokenStore"/>.</summary>
    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>
    /// <c>OURA_TOKEN_STORE</c> (a file path, or a PostgreSQL connection string for a hosted server) or <c>$XDG_CONFIG_HOME/oura-mcp/tokens.json</c>, else <c>~/.config/oura-mcp/tokens.json</c>;
    /// the key from <c>OURA_TOKEN_STORE_KEY</c> when set.
    /// </summary>
    public static FileTokenStoreOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var path = getVariable(PathVariable);
        var key = TokenStoreKey.ParseVariable(getVariable(KeyVariable));
        if (PostgresConnection.Recognizes(path))
        {
            // Path carries a description only, so whatever prints it cannot print the password.
            return new FileTokenStoreOptions
            {
                Path = PostgresConnection.Describe(PostgresConnection.Parse(path!)),
                PostgresConnectionString = path,
                Key = key,
            };
        }
        if (string.IsNullOrWhiteSpace(path))
        {
            var configHome = getVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrWhiteSpace(configHome))
                configHome = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            path = System.IO.Path.Combine(configHome, "oura-mcp", "tokens.json");
        }
        return new FileTokenStoreOptions { Path = System.IO.Path.GetFullPath(path), Key = key };
    }
}

/// <summary>Builds the configured store.</summary>
public static class TokenStores
{
    /// <summary>
    /// A <see cref="PostgresTokenStore"/> for a PostgreSQL connection string (per-account locks, for a hosted server),
    /// a <see cref="SqliteTokenStore"/> when the path ends in .db/.sqlite/.sqlite3, else a <see cref="FileTokenStore"/>.
    /// </summary>
    public static ITokenStore Create(FileTokenStoreOptions options, TimeProvider timeProvider) =>
        options.PostgresConnectionString is { } postgres
            ? new PostgresTokenStore(new PostgresTokenStoreOptions { ConnectionString = postgres, Key = options.Key, LockTimeout = options.LockTimeout }, timeProvider)
            : options.IsSqlite ? new SqliteTokenStore(options, timeProvider) : new FileTokenStore(options, timeProvider);
}
