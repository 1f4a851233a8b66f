using System.Net;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Http;

namespace OuraMcp.Server.Tests.Http;

/// <summary>The <c>--http</c> options of the command line, and the Host/Origin policy they configure.</summary>
public sealed class HttpCommandLineTests
{
    private static ParsedCommand Parse(params string[] args) => CommandLine.Parse(args, _ => null);

    [Fact]
    public void Without_http_the_server_speaks_stdio()
    {
        Parse("--demo").Http.Should().BeNull();
    }

    [Fact]
    public void Http_defaults_to_loopback_port_8787_and_no_extra_origins()
    {
        var http = Parse("--http").Http!;

        http.Port.Should().Be(8787);
        http.Bind.Should().Be(IPAddress.Loopback);
        http.IsLoopback.Should().BeTrue();
        http.AllowedOrigins.Should().BeEmpty();
    }

    [Fact]
    public void Port_bind_and_origins_are_read_before_or_after_other_options()
    {
        var command = Parse("--demo", "--port=0", "--http", "--bind", "::1", "--allowed-origins", "https://App.Example/,http://x.example:3000");

        command.Settings.Demo.Should().BeTrue();
        command.Http!.Port.Should().Be(0);
        command.Http.Bind.Should().Be(IPAddress.IPv6Loopback);
        command.Http.AllowedOrigins.Should().Equal("https://app.example", "http://x.example:3000");
    }

    [Theory]
    [InlineData("--http", "--port", "70000")]
    [InlineData("--http", "--port", "-1")]
    [InlineData("--http", "--bind", "my-machine")]
    [InlineData("--http", "--allowed-origins", "app.example")]
    [InlineData("--http", "--allowed-origins", "https://app.example/path")]
    [InlineData("--port", "9000")]
    [InlineData("--allowed-origins", "https://app.example")]
    [InlineData("--http", "tools")]
    public void Wrong_http_options_are_usage_errors(params string[] args)
    {
        var parse = () => Parse(args);

        parse.Should().Throw<UsageException>();
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
        var policy = new RequestOriginPolicy(HttpListenOptions.Parse(null, null, ["https://app.example"]));

        policy.IsOriginAllowed(origin).Should().Be(allowed);
    }
}
