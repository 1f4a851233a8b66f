using System.Net;
using System.Security.Cryptography;
using Npgsql;
using OuraMcp.Testing;
using Xunit.Sdk;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// The server with its token store in PostgreSQL (tests/tools/postgres.sh): the authorization server's stores go there
/// too, in the schema the connection names, so that instances share clients, tokens and people.
/// </summary>
public class PostgresOAuthFixture : OAuthServerFixture
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private string? _connection;

    public static string? Admin { get; } = FindAdmin();

    protected override string? TokenStore => _connection;

    protected override string? TokenStoreKey => _key;

    public override async Task InitializeAsync()
    {
        if (Admin is null) return;
        await using (var connection = new NpgsqlConnection(Admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connection = new NpgsqlConnectionStringBuilder(Admin) { SearchPath = _schema }.ConnectionString;
        await base.InitializeAsync();
    }

    /// <summary>The connection string of this fixture's schema (the token store's).</summary>
    public string? ConnectionString => _connection;

    /// <summary>Rows in a table of this fixture's schema.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public override async Task DisposeAsync()
    {
        if (Admin is null) return;
        await base.DisposeAsync();
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? FindAdmin()
    {
        var text = Environment.GetEnvironmentVariable("OURA_TEST_POSTGRES");
        var file = Path.Combine(NodeTooling.ToolsDirectory, ".postgres-connection");
        if (string.IsNullOrWhiteSpace(text) && File.Exists(file)) text = File.ReadAllText(file).Trim();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (PostgresOAuthFixture.Admin is null && !inCi) Skip = "needs PostgreSQL: run `bash tests/tools/postgres.sh` (CI does), or set OURA_TEST_POSTGRES";
    }
}

public sealed class PostgresOAuthTests(PostgresOAuthFixture fixture) : IClassFixture<PostgresOAuthFixture>
{
    [PostgresFact]
    public async Task With_a_PostgreSQL_token_store_the_clients_tokens_and_people_live_there_too()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, access, _) = await browser.ConnectAsync();

        using var response = await browser.McpAsync(access, McpHttp.Initialize);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.CountAsync("OpenIddictApplications")).Should().BeGreaterThan(0);
        (await fixture.CountAsync("OpenIddictTokens")).Should().BeGreaterThan(0);
        (await fixture.CountAsync("People")).Should().Be(1);
    }
}
