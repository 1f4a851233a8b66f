using System.Net;

namespace OuraMcp.Server.Tests.Http;

/// <summary><c>/readyz</c> follows the token store the tools read; <c>/healthz</c> only says the process is alive.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_while_the_token_store_cannot_be_read_and_200_once_it_can()
    {
        var directory = Directory.CreateTempSubdirectory("oura-mcp-readyz-");
        try
        {
            var store = Path.Combine(directory.FullName, "tokens.json");
            await File.WriteAllTextAsync(store, "this is not a token store");
            await using var server = await HttpServerProcess.StartAsync(new Dictionary<string, string> { ["OURA_TOKEN_STORE"] = store });
            using var http = new HttpClient();
            var ready = new Uri(server.Url, "/readyz");

            using (var damaged = await http.GetAsync(ready))
            {
                damaged.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                (await damaged.Content.ReadAsStringAsync()).Should().Be("Unhealthy", "the probe says nothing of where the store is or why");
            }

            using (var alive = await http.GetAsync(new Uri(server.Url, "/healthz"))) alive.StatusCode.Should().Be(HttpStatusCode.OK);

            // No store file yet is a store that answers "not signed in": the server can serve (and say how to sign in).
            File.Delete(store);
            using var repaired = await http.GetAsync(ready);
            repaired.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
