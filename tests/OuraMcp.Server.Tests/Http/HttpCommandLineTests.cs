using System.Net;
using OuraMcp.Hosting;
using OuraMcp.Server.Cli;

namespace OuraMcp.Server.Tests.Http;

/// <summary>The <c>--http</c> options of the command line and their environment, and the Host/Origin policy they configure.</summary>
public sealed class HttpCommandLineTests
{
    private const string GoodKey = "0123456789abcdef0123456789abcdef";

    private static ParsedCommand Parse(params string[] args) => CommandLine.Parse(args, _ => null);

    private static HttpListenOptions Listen(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = CommandLine.Parse(args, name => environment.GetValueOrDefault(name));
        return HttpCommandLine.Parse(command.Http!, name => environment.GetValueOrDefault(name));
    }

    private static HttpListenOptions Listen(params string[] args) => Listen(new Dictionary<string, string>(), args);

    [Fact]
    public void Without_http_the_server_speaks_stdio()
    {
        Parse("--demo").Http.Should().BeNull();
    }

    [Fact]
    public void Http_defaults_to_loopback_port_8787_no_extra_origins_and_no_authorization()
    {
        var http = Listen("--http");

        http.Port.Should().Be(8787);
        http.Bind.Should().Be(IPAddress.Loopback);
        http.IsLoopback.Should().BeTrue();
        http.AllowedOrigins.Should().BeEmpty();
        http.Auth.Should().Be(EndpointAuth.None);
        http.RequestsPerMinute.Should().Be(120);
    }

    [Fact]
    public void Port_bind_and_origins_are_read_before_or_after_other_options()
    {
        var command = Parse("--demo", "--port=0", "--http", "--bind", "::1", "--allowed-origins", "https://App.Example/,http://x.example:3000");
        var http = HttpCommandLine.Parse(command.Http!, _ => null);

        command.Settings.Demo.Should().BeTrue();
        http.Port.Should().Be(0);
        http.Bind.Should().Be(IPAddress.IPv6Loopback);
        http.AllowedOrigins.Should().Equal("https://app.example", "http://x.example:3000");
    }

    [Theory]
    [InlineData("--http", "--port", "70000")]
    [InlineData("--http", "--port", "-1")]
    [InlineData("--http", "--bind", "my-machine")]
    [InlineData("--http", "--allowed-origins", "app.example")]
    [InlineData("--http", "--allowed-origins", "https://app.example/path")]
    [InlineData("--http", "--auth", "basic")]
    [InlineData("--http", "--public-url", "https://oura.example")]
    public void Wrong_http_options_are_usage_errors(params string[] args)
    {
        var parse = () => Listen(args);

        parse.Should().Throw<UsageException>();
    }

    [Theory]
    [InlineData("--port", "9000")]
    [InlineData("--allowed-origins", "https://app.example")]
    [InlineData("--auth", "api-key")]
    [InlineData("--public-url", "https://oura.example")]
    [InlineData("--http", "tools")]
    public void Http_options_without_http_or_with_a_command_are_usage_errors(params string[] args)
    {
        var parse = () => Parse(args);

        parse.Should().Throw<UsageException>();
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.20")]
    public void Binding_beyond_loopback_without_authorization_is_refused_with_what_to_use_instead(string bind)
    {
        var parse = () => Listen("--http", "--bind", bind);

        parse.Should().Throw<UsageException>().Which.Message.Should().Contain("--auth none").And.Contain("--auth api-key").And.Contain("OURA_MCP_API_KEY");
    }

    [Fact]
    public void Api_key_mode_takes_the_key_from_the_environment_and_may_bind_the_network()
    {
        var http = Listen(new Dictionary<string, string> { ["OURA_MCP_API_KEY"] = GoodKey }, "--http", "--auth", "api-key", "--bind", "0.0.0.0");

        http.Auth.Should().Be(EndpointAuth.ApiKey);
        http.ApiKey.Should().Be(GoodKey);
        http.IsLoopback.Should().BeFalse();
    }

    [Fact]
    public void The_mode_can_come_from_OURA_MCP_AUTH_and_the_flag_wins()
    {
        var environment = new Dictionary<string, string> { ["OURA_MCP_AUTH"] = "api-key", ["OURA_MCP_API_KEY"] = GoodKey };

        Listen(environment, "--http").Auth.Should().Be(EndpointAuth.ApiKey);
        Listen(environment, "--http", "--auth", "none").Auth.Should().Be(EndpointAuth.None);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-to-resist-guessing")]
    public void Api_key_mode_without_a_long_enough_key_is_refused_without_echoing_it(string? key)
    {
        var environment = new Dictionary<string, string>();
        if (key is not null) environment["OURA_MCP_API_KEY"] = key;

        var parse = () => Listen(environment, "--http", "--auth", "api-key");

        var message = parse.Should().Throw<UsageException>().Which.Message;
        message.Should().Contain("OURA_MCP_API_KEY");
        if (!string.IsNullOrEmpty(key)) message.Should().NotContain(key);
    }

    [Theory]
    [InlineData("https://oura.example", "https://oura.example/")]
    [InlineData("https://example.org/oura", "https://example.org/oura")]
    [InlineData("http://127.0.0.1:8787", "http://127.0.0.1:8787/")]
    public void Oauth_mode_reads_and_checks_the_public_url(string url, string expected)
    {
        Listen("--http", "--auth", "oauth", "--public-url", url).PublicUrl!.ToString().Should().Be(expected);
        Listen(new Dictionary<string, string> { ["OURA_MCP_AUTH"] = "oauth", ["OURA_MCP_PUBLIC_URL"] = url }, "--http").PublicUrl!.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("oura.example")]
    [InlineData("http://oura.example")]
    [InlineData("https://oura.example/?x=1")]
    [InlineData("ftp://oura.example")]
    public void Oauth_mode_without_a_valid_https_public_url_is_refused(string? url)
    {
        var args = url is null ? new[] { "--http", "--auth", "oauth" } : ["--http", "--auth", "oauth", "--public-url", url];

        var parse = () => Listen(args);

        parse.Should().Throw<UsageException>().Which.Message.Should().Contain("public-url");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("-5")]
    public void A_rate_limit_that_is_not_a_positive_number_is_refused(string limit)
    {
        var parse = () => Listen(new Dictionary<string, string> { ["OURA_MCP_RATE_LIMIT"] = limit }, "--http");

        parse.Should().Throw<UsageException>().Which.Message.Should().Contain("OURA_MCP_RATE_LIMIT");
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("::1", true)]
    [InlineData("", false)]
    [InlineData("evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("2130706433", false)]
    [InlineData("10.0.0.1", false)]
    public void Loopback_names_are_localhost_and_loopback_addresses_only(string host, bool loopback)
    {
        RequestOriginPolicy.IsLoopbackName(host).Should().Be(loopback);
    }

    [Fact]
    public void On_loopback_only_loopback_hosts_are_served_and_bound_elsewhere_any_host()
    {
        new RequestOriginPolicy(new HttpListenOptions()).IsHostAllowed("evil.example").Should().BeFalse();
        new RequestOriginPolicy(new HttpListenOptions { Bind = IPAddress.Any }).IsHostAllowed("my-machine.lan").Should().BeTrue();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://localhost:1234", true)]
    [InlineData("https://app.example", true)]
    [InlineData("https://app.example:443", true)]
    [InlineData("https://app.example:8443", false)]
    [InlineData("http://app.example", false)]
    [InlineData("null", false)]
    [InlineData("file://", false)]
    public void Origins_are_matched_as_browsers_send_them(string? origin, bool allowed)
    {
        var policy = new RequestOriginPolicy(Listen("--http", "--allowed-origins", "https://app.example"));

        policy.IsOriginAllowed(origin).Should().Be(allowed);
    }
}
