using System.Net;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>/readyz follows the authorization server's database.</summary>
public sealed class OAuthReadinessTests
{
    [Fact]
    public Task It_is_ready_while_its_database_answers_and_not_once_it_is_damaged() =>
        ReadyUntil(path => File.WriteAllBytesAsync(path, new byte[8192]));

    [Fact]
    public Task It_is_ready_while_its_database_answers_and_not_once_it_is_removed() =>
        ReadyUntil(path =>
        {
            File.Delete(path);
            return Task.CompletedTask;
        });

    private static async Task ReadyUntil(Func<string, Task> harm)
    {
        var fixture = new OAuthServerFixture();
        await fixture.InitializeAsync();
        try
        {
            using var http = new HttpClient();
            using (var ready = await http.GetAsync(new Uri(fixture.PublicUrl, "/readyz"))) ready.StatusCode.Should().Be(HttpStatusCode.OK);

            // A token check first, so the database's connections are open (and pooled) when it is harmed.
            using (var browser = new OAuthBrowser(fixture))
            {
                var (_, accessToken, _) = await browser.ConnectAsync();
                await browser.EmailAsync(accessToken);
            }

            await harm(Path.Combine(fixture.DataDirectory, "oauth.db"));

            using var damaged = await http.GetAsync(new Uri(fixture.PublicUrl, "/readyz"));
            damaged.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
