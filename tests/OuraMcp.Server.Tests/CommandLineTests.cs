using System.Text.Json;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>The executable as users and external checks meet it.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Tools_lists_every_tool_with_its_toolset_and_title()
    {
        var outcome = await ServerProcess.RunAsync("tools");

        outcome.ExitCode.Should().Be(0, outcome.Stderr);
        var lines = outcome.Stdout.TrimEnd().Split('\n');
        lines.Should().HaveCount(DefinedTools.Count);
        lines.Should().Contain("get_sleep\tsleep\tSleep");
        lines[0].Should().Be("get_personal_info\tprofile\tPersonal info");
    }

    [Fact]
    public async Task Tools_honours_toolsets_and_exclusions()
    {
        var outcome = await ServerProcess.RunAsync("tools", "--toolsets", "sleep,device", "--exclude-tools=get_ring_battery");

        outcome.Stdout.TrimEnd().Split('\n').Select(l => l.Split('\t')[0]).Should()
            .Equal("get_sleep", "get_sleep_series", "get_sleep_time", "get_rest_mode_periods", "get_ring_configuration");
    }

    [Fact]
    public async Task Call_without_credentials_prints_how_to_sign_in_and_exits_1()
    {
        var outcome = await ServerProcess.RunAsync("call", "get_daily_summary");

        outcome.ExitCode.Should().Be(1);
        outcome.Stdout.Trim().Should().Be(SignedOutOuraClient.Message);
    }

    [Theory]
    [InlineData("--demo", "call", "get_daily_summary")]
    [InlineData("call", "get_daily_summary", "--demo")]
    public async Task Demo_serves_the_embedded_person_whichever_side_of_the_command_the_options_stand(params string[] args)
    {
        var outcome = await ServerProcess.RunAsync(args);

        outcome.ExitCode.Should().Be(0, outcome.Stderr);
        outcome.Stdout.Should().Contain("(UTC): 7 rows, complete.", "OURA_TIMEZONE, set by the test, wins over the demo person's zone");
        outcome.Stdout.Should().Contain("\nday,sleep_score,readiness_score,activity_score,steps,", "the rows come as a table under one header");
        outcome.Stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d\d-\d\d,\d+,\d+,\d+,\d+,")).Should().Be(7);
    }

    [Fact]
    public async Task Call_checks_arguments_before_anything_else()
    {
        var outcome = await ServerProcess.RunAsync("call", "get_sleep", "--arg", "start_date=2026-02-30");

        outcome.ExitCode.Should().Be(1);
        outcome.Stdout.Should().Contain("start_date '2026-02-30' is not a real date");
    }

    [Fact]
    public async Task Call_of_an_unknown_tool_is_a_usage_error()
    {
        var outcome = await ServerProcess.RunAsync("call", "get_weather");

        outcome.ExitCode.Should().Be(2);
        outcome.Stderr.Should().Contain("get_weather").And.Contain("OuraMcp.Server tools");
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--toolsets", "sleep,weather")]
    [InlineData("--timezone", "Mars/Olympus")]
    [InlineData("call")]
    public async Task A_wrong_command_line_exits_2_with_a_help_line(params string[] args)
    {
        var outcome = await ServerProcess.RunAsync(args);

        outcome.ExitCode.Should().Be(2);
        outcome.Stdout.Should().BeEmpty();
        outcome.Stderr.Should().Contain(CommandLine.HelpLine);
    }

    [Fact]
    public async Task Stdio_stdout_carries_only_json_rpc()
    {
        using var process = System.Diagnostics.Process.Start(ServerProcess.StartInfo())!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_sleep","arguments":{}}}""");
        await process.StandardInput.FlushAsync();

        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (lines.Count(l => l.Contains("\"id\":")) < 3)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null) break;
            lines.Add(line);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);

        lines.Should().NotBeEmpty(await stderr);
        foreach (var line in lines)
        {
            using var message = JsonDocument.Parse(line);
            message.RootElement.GetProperty("jsonrpc").GetString().Should().Be("2.0");
        }

        var byId = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(m => m.TryGetProperty("id", out _)).ToDictionary(m => m.GetProperty("id").GetInt32());
        byId[1].GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString().Should().Be(ServerComposition.ServerName);
        byId[2].GetProperty("result").GetProperty("tools").GetArrayLength().Should().Be(DefinedTools.Count);
        var call = byId[3].GetProperty("result");
        call.GetProperty("isError").GetBoolean().Should().BeTrue();
        call.TryGetProperty("structuredContent", out _).Should().BeFalse();
        call.GetProperty("content")[0].GetProperty("text").GetString().Should().Be(SignedOutOuraClient.Message);
    }

    [Fact]
    public void Options_override_the_environment()
    {
        var env = new Dictionary<string, string?>
        {
            ["OURA_TIMEZONE"] = "Europe/Helsinki", ["OURA_API_BASE_URL"] = "http://127.0.0.1:5055", ["OURA_MCP_MAX_RESPONSE_TOKENS"] = "5000", ["OURA_ACCESS_TOKEN"] = "t",
        };

        var fromEnvironment = CommandLine.Parse([], k => env.GetValueOrDefault(k)).Settings;
        var overridden = CommandLine.Parse(["--timezone", "America/New_York", "--base-url=https://example.test", "--max-response-tokens", "8000"], k => env.GetValueOrDefault(k)).Settings;

        (fromEnvironment.TimeZone.Id, fromEnvironment.BaseUrl.ToString(), fromEnvironment.MaxResponseTokens, fromEnvironment.HasCredentials)
            .Should().Be(("Europe/Helsinki", "http://127.0.0.1:5055/", 5000, true));
        (overridden.TimeZone.Id, overridden.BaseUrl.ToString(), overridden.MaxResponseTokens).Should().Be(("America/New_York", "https://example.test/", 8000));
    }

    [Fact]
    public void Without_a_base_url_the_settings_use_ouras_api_and_a_blank_one_counts_as_none()
    {
        CommandLine.Parse([], _ => null).Settings.BaseUrl.Should().Be(new Uri("https://api.ouraring.com"));
        CommandLine.Parse([], k => k == "OURA_API_BASE_URL" ? " " : null).Settings.BaseUrl.Should().Be(new Uri("https://api.ouraring.com"));
        new ServerSettings().BaseUrl.Should().Be(new Uri("https://api.ouraring.com"));
        new ServerSettings { BaseUrl = new Uri("http://127.0.0.1:5055") }.BaseUrl.Should().Be(new Uri("http://127.0.0.1:5055"));
    }

    [Fact]
    public void Call_arguments_are_json_when_they_parse_and_strings_otherwise()
    {
        var command = CommandLine.Parse(["call", "get_heart_rate", "--arg", "latest=true", "--arg", "source=[\"sleep\"]", "--arg", "start_date=2026-03-01"], _ => null);

        command.ToolName.Should().Be("get_heart_rate");
        command.ToolArguments["latest"].ValueKind.Should().Be(JsonValueKind.True);
        command.ToolArguments["source"][0].GetString().Should().Be("sleep");
        command.ToolArguments["start_date"].GetString().Should().Be("2026-03-01");
    }
}
