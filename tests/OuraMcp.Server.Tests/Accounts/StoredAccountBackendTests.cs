using OuraMcp.Accounts.Tokens;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.Accounts;

/// <summary>The stored-account backend in process: what the model reads when the store is missing, damaged or dead.</summary>
public sealed class StoredAccountBackendTests
{
    private static ServerSettings Settings(IReadOnlyDictionary<string, string> environment) => new()
    {
        TimeZone = TimeZoneInfo.Utc,
        AccountEnvironment = name => environment.GetValueOrDefault(name),
    };

    [Fact]
    public async Task A_damaged_store_answers_every_call_with_the_file_and_the_fix_and_is_left_untouched()
    {
        await using var world = await SignInWorld.StartAsync();
        await File.WriteAllTextAsync(world.StorePath, "{ this is not a token store");
        // Owner-only, as the store makes it: the damage, not the file mode, is what this test is about.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(world.StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = await File.ReadAllBytesAsync(world.StorePath);
        await using var server = await InProcessServer.StartAsync(Settings(world.Environment()), SecretCapture.Watch);

        for (var i = 0; i < 2; i++)
        {
            var result = await server.Client.CallToolAsync("get_personal_info");
            result.IsError.Should().BeTrue();
            result.Text().Should().Contain(world.StorePath).And.Contain("damaged").And.Contain("auth login");
        }

        (await File.ReadAllBytesAsync(world.StorePath)).Should().Equal(before);
    }

    [Fact]
    public async Task A_bad_store_key_is_a_clear_error_on_each_call_not_a_crash()
    {
        await using var world = await SignInWorld.StartAsync();
        var environment = world.Environment();
        environment["OURA_TOKEN_STORE_KEY"] = "not-a-key";
        await using var server = await InProcessServer.StartAsync(Settings(environment), SecretCapture.Watch);

        var result = await server.Client.CallToolAsync("get_personal_info");

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("OURA_TOKEN_STORE_KEY").And.Contain("openssl rand -base64 32");
    }

    [Fact]
    public async Task No_stored_account_means_signed_out_with_the_login_command()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var server = await InProcessServer.StartAsync(Settings(world.Environment()), SecretCapture.Watch);

        var result = await server.Client.CallToolAsync("get_daily_summary");

        result.IsError.Should().BeTrue();
        result.Text().Should().Be(SignedOutOuraClient.Message);
        result.Text().Should().Contain("OuraMcp.Server auth login").And.Contain("--demo");
    }

    [Fact]
    public async Task A_refresh_token_Oura_refuses_says_to_sign_in_again_and_keeps_the_stored_tokens()
    {
        await using var world = await SignInWorld.StartAsync();
        var grant = await world.SeedExpiredSignInAsync();
        // Spend the refresh token elsewhere, as another machine with a copy of the store would.
        var store = world.Store();
        var seeded = (await store.TryGetAsync("default", CancellationToken.None))!;
        using (var http = new HttpClient())
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = grant.RefreshToken,
                ["client_id"] = world.Fake.Options.ClientId, ["client_secret"] = world.ClientSecret,
            });
            (await http.PostAsync(new Uri(world.Fake.BaseAddress, "oauth/token"), form)).EnsureSuccessStatusCode();
        }
        await using var server = await InProcessServer.StartAsync(Settings(world.Environment()), SecretCapture.Watch);

        var result = await server.Client.CallToolAsync("get_personal_info");

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("invalid_grant").And.Contain("'default'").And.Contain("OuraMcp.Server auth login");
        result.Text().Should().NotContain(grant.RefreshToken).And.NotContain(grant.AccessToken);
        var kept = await store.TryGetAsync("default", CancellationToken.None);
        kept.Should().NotBeNull("a refused refresh never signs the person out");
        (kept!.AccessToken == seeded.AccessToken && kept.RefreshToken == seeded.RefreshToken).Should().BeTrue("the stored tokens are kept as they were");
    }

    [Fact]
    public async Task Oura_access_token_wins_over_the_stored_sign_in()
    {
        await using var world = await SignInWorld.StartAsync();
        await world.Store().SaveAsync("default", new OuraTokenSet("stored-token", "stored-refresh", DateTimeOffset.UtcNow.AddHours(1), [], TokenEndpointKind.Legacy), CancellationToken.None);
        var grant = await world.OAuth.IssueAsync(world.Fake.Options.ClientId);
        var environment = world.Environment();
        var parsed = CommandLine.Parse(["--base-url", world.Fake.BaseAddress.ToString()],
            name => name == "OURA_ACCESS_TOKEN" ? grant.AccessToken : environment.GetValueOrDefault(name));
        await using var server = await InProcessServer.StartAsync(parsed.Settings, SecretCapture.Watch);

        var result = await server.Client.CallToolAsync("get_personal_info");

        result.IsError.Should().NotBe(true, result.Text());
        world.Fake.Requests.All.Should().NotBeEmpty();
    }
}

public sealed class AuthCommandLineTests
{
    private static AuthCommand Parse(params string[] args) =>
        CommandLine.Parse(args, _ => null).Auth!;

    [Fact]
    public void Login_defaults_to_the_default_account_the_documented_port_and_every_scope()
    {
        var command = Parse("auth", "login");
        command.Verb.Should().Be(AuthVerb.Login);
        command.Account.Should().Be("default");
        command.Port.Should().Be(8765);
        command.Scopes.Should().BeNull();
    }

    [Fact]
    public void Login_options_are_the_auth_commands_own()
    {
        var command = Parse("auth", "login", "--account", "work", "--port=9001", "--scopes", "daily,heartrate", "--no-browser");
        command.Account.Should().Be("work");
        command.Port.Should().Be(9001);
        command.Scopes.Should().Equal("daily", "heartrate");
        command.NoBrowser.Should().BeTrue();
    }

    [Theory]
    [InlineData("auth", "login", "--scopes", "daily,everything")]
    [InlineData("auth", "login", "--port", "http")]
    [InlineData("auth", "status", "--port", "1")]
    [InlineData("auth", "frobnicate")]
    [InlineData("auth", "login", "--account", "../etc")]
    public void Mistakes_are_usage_errors(params string[] args) =>
        FluentActions.Invoking(() => CommandLine.Parse(args, _ => null)).Should().Throw<UsageException>();

    [Fact]
    public void A_token_passed_where_it_does_not_belong_is_never_echoed()
    {
        var error = FluentActions.Invoking(() => CommandLine.Parse(["auth", "status", "secret-token-value"], _ => null)).Should().Throw<UsageException>().Which;
        error.Message.Should().NotContain("secret-token-value");
    }

    [Fact]
    public async Task Import_reads_oura_token_json_name_value_lines_or_two_lines_from_stdin()
    {
        var command = Parse("auth", "import");
        async Task<(string? A, string? R, long? E, IReadOnlyList<string>? S)> Read(string text) =>
            await AuthCommands.ReadTokensAsync(command, new AuthConsole { Out = TextWriter.Null, Error = TextWriter.Null, In = new StringReader(text) }, CancellationToken.None);

        var json = await Read("""{"access_token":"a1","refresh_token":"r1","expires_in":600,"scope":"daily tag"}""");
        (json.A, json.R, json.E).Should().Be(("a1", "r1", 600L));
        json.S.Should().Equal("daily", "tag");
        var lines = await Read("access_token=a2\nrefresh-token=r2\nexpires_in=60\n");
        (lines.A, lines.R, lines.E).Should().Be(("a2", "r2", 60L));
        var two = await Read("a3\nr3\n");
        (two.A, two.R).Should().Be(("a3", "r3"));
    }

    [Theory]
    [InlineData("huge")]
    [InlineData("control")]
    [InlineData("long-token")]
    public async Task Import_refuses_what_is_no_token_and_writes_no_store(string kind)
    {
        var directory = Directory.CreateTempSubdirectory("oura-import-");
        try
        {
            var store = Path.Combine(directory.FullName, "tokens.json");
            var input = kind switch
            {
                "huge" => new string('a', 10 * 1024 * 1024),
                "control" => "access_token=abc\u001b[2Jdef\nrefresh_token=r1\n",
                _ => new string('t', 5_000) + "\nr1\n",
            };
            var error = new StringWriter();
            var console = new AuthConsole { Out = TextWriter.Null, Error = error, In = new StringReader(input) };

            var exit = await AuthCommands.RunAsync(Parse("auth", "import"), name => name == "OURA_TOKEN_STORE" ? store : null, console, CancellationToken.None);

            exit.Should().Be(ExitCodes.Usage);
            error.ToString().Should().MatchRegex(kind switch
            {
                "huge" => "longer than 64 KB",
                "control" => "characters no token has",
                _ => "5,000 characters long",
            }).And.NotContain("ttttt").And.NotContain("aaaa");
            File.Exists(store).Should().BeFalse();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
