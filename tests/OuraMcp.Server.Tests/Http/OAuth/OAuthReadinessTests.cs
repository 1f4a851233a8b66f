using System.Net;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>/readyz follows the authorization server's database.</summary>
public sealed class OAuthReadinessTests
{
    [Fact]
    public async Task It_is_ready_while_its_database_answers_and_not_once_it_is_damaged()
    {
        var fixture = new OAuthServerFixture();
        await fixture.InitializeAsync();
        try
        {
            using var http = new HttpClient();
            using (var ready = await http.GetAsync(new Uri(fixture.PublicUrl, "/readyz"))) ready.StatusCode.Should().Be(HttpStatusCode.OK);

            await File.WriteAllBytesAsync(Path.Combine(fixture.DataDirectory, "oauth.db"), new byte[8192]);

            using var damaged = await http.GetAsync(new Uri(fixture.PublicUrl, "/readyz"));
            damaged.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
