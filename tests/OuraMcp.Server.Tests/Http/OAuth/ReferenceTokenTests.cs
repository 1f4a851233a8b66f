using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// Access tokens are opaque handles into the authorization server's database: what the database keeps behind a handle
/// is no token itself, and a payload kept encrypted (as earlier versions kept it) still validates.
/// </summary>
public sealed class ReferenceTokenTests(OAuthServerFixture fixture) : IClassFixture<OAuthServerFixture>
{
    [Fact]
    public async Task A_stored_access_token_row_holds_no_handle_and_its_payload_is_refused_as_a_bearer()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, access, _) = await browser.ConnectAsync();
        using (var ok = await browser.McpAsync(access, McpHttp.Initialize)) ok.StatusCode.Should().Be(HttpStatusCode.OK);

        var rows = await AccessTokenRowsAsync();
        rows.Should().NotBeEmpty();
        foreach (var (id, referenceId, payload) in rows)
        {
            referenceId.Should().NotBe(access, "the store keeps a hash of the handle, not the handle");
            using var copied = await browser.McpAsync(payload, McpHttp.Initialize);
            copied.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"the payload of token row {id} is not a token");
            copied.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        }
    }

    [Fact]
    public async Task An_access_token_whose_payload_is_stored_encrypted_still_validates()
    {
        using var browser = new OAuthBrowser(fixture);
        var (_, access, _) = await browser.ConnectAsync();
        var (id, _, payload) = (await AccessTokenRowsAsync()).Last();

        // As earlier versions stored it: the signed payload inside a JWE under the server's encryption key.
        var key = new SymmetricSecurityKey(Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "oauth-encryption-key.txt"))).Trim()))
        {
            KeyId = "oura-mcp-encryption",
        };
        var encrypted = new JsonWebTokenHandler().EncryptToken(payload,
            new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        encrypted.Split('.').Should().HaveCount(5, "a JWE has five parts");
        await SetPayloadAsync(id, encrypted);

        using var call = await browser.McpAsync(access, McpHttp.Initialize);
        call.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>The access token rows, oldest first: id, stored reference id and payload.</summary>
    private async Task<List<(string Id, string ReferenceId, string Payload)>> AccessTokenRowsAsync()
    {
        using var connection = await OpenAsync(readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ReferenceId, Payload FROM OpenIddictTokens WHERE Type LIKE '%access_token' ORDER BY CreationDate";
        var rows = new List<(string, string, string)>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    private async Task SetPayloadAsync(string id, string payload)
    {
        using var connection = await OpenAsync(readOnly: false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE OpenIddictTokens SET Payload = $payload WHERE Id = $id";
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$id", id);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private async Task<SqliteConnection> OpenAsync(bool readOnly)
    {
        var path = Path.Combine(fixture.DataDirectory, "oauth.db");
        var connection = new SqliteConnection($"Data Source={path};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
