using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Accounts;

/// <summary>
/// The real executable against the fake Oura on a loopback port: two servers sharing one token store never spend a
/// refresh token twice, and <c>auth login</c> works end to end with the test playing the browser. Everything the
/// processes print is scanned for tokens, codes and the client secret.
/// </summary>
[Collection(nameof(ServerProcessCollection))]
public sealed class SharedStoreProcessTests
{
    [Fact]
    public async Task Two_server_processes_with_an_expired_token_refresh_exactly_once_and_all_twenty_calls_succeed()
    {
        await using var world = await SignInWorld.StartAsync();
        var seeded = await world.SeedExpiredSignInAsync();
        // A slow token endpoint keeps the refresh in flight while every other call arrives.
        world.OAuth.TokenLatency = TimeSpan.FromMilliseconds(500);
        var output = new ProcessOutput();

        var servers = await Task.WhenAll(
            StdioServerProcess.StartAsync(world.Environment(), output, "A"),
            StdioServerProcess.StartAsync(world.Environment(), output, "B"));
        try
        {
            // Different days per call: identical requests would be merged by the client, hiding concurrency.
            var calls = servers.SelectMany((server, s) => Enumerable.Range(0, 10).Select(i =>
            {
                var day = world.LastDay.AddDays(-(s * 10 + i)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return server.CallToolAsync("get_daily_summary", new JsonObject { ["start_date"] = day, ["end_date"] = day });
            })).ToList();
            var results = await Task.WhenAll(calls);

            results.Should().HaveCount(20);
            results.Should().OnlyContain(r => !r.IsError(), string.Join("\n", results.Where(r => r.IsError()).Select(r => r.Text())));
            world.OAuth.RefreshesServed.Should().Be(1, "one refresh token may be spent once, by one process");
            world.OAuth.RefreshesRefused.Should().Be(0, "no process may present the spent refresh token again");

            // The account still works afterwards, from either process, and the store holds the new, live pair.
            var after = await servers[1].CallToolAsync("get_personal_info", new JsonObject());
            after.IsError().Should().BeFalse(after.Text());
            var stored = await world.Store().TryGetAsync("default", CancellationToken.None);
            stored.Should().NotBeNull();
            stored!.RefreshToken.Should().NotBe(seeded.RefreshToken);
            world.OAuth.IsAccessTokenValid(stored.AccessToken).Should().BeTrue();
            world.OAuth.RefreshesServed.Should().Be(1);

            output.ShouldNotContainAny(seeded.AccessToken, seeded.RefreshToken, stored.AccessToken, stored.RefreshToken, world.ClientSecret);
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Auth_login_through_the_executable_then_status_a_tool_call_and_logout()
    {
        await using var world = await SignInWorld.StartAsync();
        var environment = world.Environment();
        var output = new ProcessOutput();

        // auth login: the test is the browser. It reads the printed URL, asks the fake (which consents at once), and
        // follows the redirect to the command's loopback listener itself, so it sees the code it must never find printed.
        var login = Start(environment, output, "login", "auth", "login", "--no-browser", "--port", "0");
        string? url = null;
        while (url is null && await login.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            output.Add("login stdout", line);
            if (line.Trim().StartsWith(world.Fake.BaseAddress.ToString(), StringComparison.Ordinal)) url = line.Trim();
        }
        url.Should().NotBeNull("auth login prints the authorize URL");
        var query = HttpUtility.ParseQueryString(new Uri(url!).Query);
        query["code_challenge_method"].Should().Be("S256");
        query["state"].Should().NotBeNullOrEmpty();
        query["scope"].Should().Be("email personal daily heartrate workout tag session spo2Daily");

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(url);
        consent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var callback = consent.Headers.Location!;
        var code = HttpUtility.ParseQueryString(callback.Query)["code"];
        code.Should().NotBeNullOrEmpty();
        using var landing = await browser.GetAsync(callback);
        landing.StatusCode.Should().Be(HttpStatusCode.OK);

        var loginOutcome = await FinishAsync(login, output, "login");
        loginOutcome.ExitCode.Should().Be(0, loginOutcome.Stderr);
        loginOutcome.Stdout.Should().Contain("Signed in: account 'default'").And.Contain(world.StorePath);
        world.OAuth.CodesExchanged.Should().Be(1);

        var stored = await world.Store().TryGetAsync("default", CancellationToken.None);
        stored.Should().NotBeNull();

        var status = await RunAsync(environment, output, "status", "auth", "status");
        status.ExitCode.Should().Be(0, status.Stderr);
        status.Stdout.Should().Contain("default").And.Contain("signed in").And.Contain("email personal daily heartrate workout tag session spo2Daily")
            .And.Contain(world.StorePath);

        var call = await RunAsync(environment, output, "call", "call", "get_personal_info");
        call.ExitCode.Should().Be(0, call.Stdout + call.Stderr);
        call.Stdout.Should().Contain("Personal info");

        var logout = await RunAsync(environment, output, "logout", "auth", "logout");
        logout.ExitCode.Should().Be(0, logout.Stderr);
        logout.Stdout.Should().Contain("no endpoint to revoke");
        (await world.Store().TryGetAsync("default", CancellationToken.None)).Should().BeNull();

        var after = await RunAsync(environment, output, "status after logout", "auth", "status");
        after.ExitCode.Should().Be(1);
        after.Stdout.Should().Contain("not signed in");

        var signedOut = await RunAsync(environment, output, "call after logout", "call", "get_personal_info");
        signedOut.ExitCode.Should().Be(1);
        signedOut.Stdout.Should().Contain("OuraMcp.Server auth login").And.Contain("--demo");

        output.ShouldNotContainAny(stored!.AccessToken, stored.RefreshToken, code, world.ClientSecret);
    }

    [Fact]
    public async Task Auth_import_reads_the_tokens_from_stdin_and_the_server_uses_them()
    {
        await using var world = await SignInWorld.StartAsync();
        var grant = await world.OAuth.IssueAsync(world.Fake.Options.ClientId);
        var output = new ProcessOutput();

        var import = Start(world.Environment(), output, "import", "auth", "import", "--account", "default");
        await import.StandardInput.WriteAsync($$"""{"access_token":"{{grant.AccessToken}}","refresh_token":"{{grant.RefreshToken}}","expires_in":3600,"scope":"daily personal"}""");
        import.StandardInput.Close();
        var imported = await FinishAsync(import, output, "import");
        imported.ExitCode.Should().Be(0, imported.Stderr);

        var status = await RunAsync(world.Environment(), output, "status", "auth", "status");
        status.ExitCode.Should().Be(0);
        status.Stdout.Should().Contain("daily personal");

        var call = await RunAsync(world.Environment(), output, "call", "call", "get_personal_info");
        call.ExitCode.Should().Be(0, call.Stdout + call.Stderr);

        output.ShouldNotContainAny(grant.AccessToken, grant.RefreshToken, world.ClientSecret);
    }

    private static Process Start(IReadOnlyDictionary<string, string> environment, ProcessOutput output, string name, params string[] args)
    {
        var info = ServerProcess.StartInfo(args);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return Process.Start(info)!;
    }

    private static async Task<ServerProcess.Outcome> FinishAsync(Process process, ProcessOutput output, string name)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var outcome = new ServerProcess.Outcome(process.ExitCode, await stdout, await stderr);
            foreach (var line in outcome.Stdout.Split('\n')) output.Add(name + " stdout", line);
            foreach (var line in outcome.Stderr.Split('\n')) output.Add(name + " stderr", line);
            return outcome;
        }
    }

    private static async Task<ServerProcess.Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, ProcessOutput output, string name, params string[] args)
    {
        var process = Start(environment, output, name, args);
        process.StandardInput.Close();
        return await FinishAsync(process, output, name);
    }
}

/// <summary>Process tests run one at a time: they start several servers each, on two shared cores.</summary>
[CollectionDefinition(nameof(ServerProcessCollection), DisableParallelization = true)]
public sealed class ServerProcessCollection;
