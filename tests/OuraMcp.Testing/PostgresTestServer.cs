using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OuraMcp.Testing;

/// <summary>
/// The PostgreSQL server the PostgreSQL store tests use: <c>OURA_TEST_POSTGRES</c>, else the connection string that
/// <c>tests/tools/postgres.sh</c> writes to <c>tests/tools/.postgres-connection</c>. Each test gets a schema of its own.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "OURA_TEST_POSTGRES";

    private static readonly Lazy<(string? ConnectionString, string? Missing)> Found = new(Find);

    /// <summary>The configured connection string, or null.</summary>
    public static string? ConnectionString => Found.Value.ConnectionString;

    /// <summary>True when a server is configured and answers.</summary>
    public static bool IsAvailable => Found.Value.Missing is null;

    /// <summary>Why the tests cannot run, for a skip reason.</summary>
    public static string MissingReason => Found.Value.Missing ?? "";

    /// <summary>Whether a missing server fails the run instead of skipping tests (CI sets <c>CI=true</c>).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The password of the configured connection string, to assert it appears in no message.</summary>
    public static string Password => new NpgsqlConnectionStringBuilder(ConnectionString ?? "").Password ?? "";

    /// <summary>A new empty schema and the connection string whose search path points at it.</summary>
    public static string CreateSchema(out string schema)
    {
        schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(Required()))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(Required()) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Closes the schema's pooled connections (each schema has a pool of its own) and drops it.</summary>
    public static void DropSchema(string connectionString, string schema)
    {
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(Required());
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    private static string Required() =>
        ConnectionString ?? throw new InvalidOperationException($"No PostgreSQL for the tests: {MissingReason}");

    private static (string?, string?) Find()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        var file = Path.Combine(NodeTooling.ToolsDirectory, ".postgres-connection");
        if (string.IsNullOrWhiteSpace(connectionString) && File.Exists(file)) connectionString = File.ReadAllText(file).Trim();
        if (string.IsNullOrWhiteSpace(connectionString))
            return (null, $"needs PostgreSQL: run `bash tests/tools/postgres.sh` (CI does), or set {Variable} to a connection string");
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 }.ConnectionString);
            connection.Open();
            return (connectionString, null);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            // The exception type only: the message of a bad connection string could quote its password.
            return (connectionString, $"PostgreSQL is configured but does not answer ({e.GetType().Name}): run `bash tests/tools/postgres.sh` to start it");
        }
    }
}

/// <summary>
/// A fact that needs the PostgreSQL test server. Skipped with a reason on a machine without one, but never in CI
/// (<c>CI=true</c>), where a missing server is a failure, not a skip.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresTestServer.IsAvailable && !PostgresTestServer.InCi) Skip = PostgresTestServer.MissingReason;
    }
}

/// <summary>Marks a test class whose every <see cref="StoreFactAttribute"/> needs the PostgreSQL test server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>
/// A fact of the shared store contract. It runs for every store, except that in a class marked
/// <see cref="RequiresPostgresAttribute"/> it skips like <see cref="PostgresFactAttribute"/> does (the contract's
/// methods are inherited, so only discovery, which sees the concrete class, can tell).
/// </summary>
[XunitTestCaseDiscoverer("OuraMcp.Testing.StoreFactDiscoverer", "OuraMcp.Testing")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping those whose class needs a server that is missing.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && !PostgresTestServer.IsAvailable && !PostgresTestServer.InCi)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresTestServer.MissingReason)];
        }
        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
