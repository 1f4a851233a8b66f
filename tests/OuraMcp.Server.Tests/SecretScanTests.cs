using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;
using Xunit.Sdk;

namespace OuraMcp.Server.Tests;

/// <summary>The secrets scan itself: it finds what it must, says where, and never prints the secret it found.</summary>
public sealed class SecretScanTests
{
    // In the shape the fake Oura mints refresh tokens; never issued, so planting it harms nothing.
    private const string PlantedRefreshToken = "fake-refresh-0123456789abcdef0123456789abcdef";

    [Fact]
    public void Every_test_runs_with_a_watch_of_its_own() =>
        SecretWatch.Current.Should().NotBeNull("the assembly's ScanForSecrets attribute gives each test one").And.NotBeSameAs(SecretWatch.Unattributed);

    [Fact]
    public async Task A_secret_planted_in_a_server_log_below_the_servers_level_is_caught_and_named()
    {
        await using (var harness = await ServerHarness.StartAsync())
        {
            // Debug: below the Warning the server keeps, so only the scanning provider sees it.
            harness.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Planted").LogDebug("Refreshed with {Token}", PlantedRefreshToken);
        }

        var leaks = SecretWatch.Current!.TakeLeaks();

        leaks.Should().ContainSingle().Which.Should().Contain("the log (Planted, Debug)").And.Contain("a refresh token minted by the fake Oura")
            .And.NotContain(PlantedRefreshToken, "a report must not leak what it reports");
    }

    [Fact]
    public async Task A_leak_fails_the_test_that_produced_it_when_the_test_ends()
    {
        var attribute = new ScanForSecretsAttribute();
        var method = typeof(SecretScanTests).GetMethod(nameof(A_leak_fails_the_test_that_produced_it_when_the_test_ends))!;
        var outer = SecretWatch.Current;
        try
        {
            attribute.Before(method);
            var secret = SecretScan.NewSecret("client");
            // Another thread, as a process's output reader or a server's log writer would be.
            await Task.Run(() => SecretScan.Observe("a planted stderr line", $"client_secret={secret}"));

            var failure = FluentActions.Invoking(() => attribute.After(method)).Should().Throw<XunitException>().Which;

            failure.Message.Should().Contain(nameof(A_leak_fails_the_test_that_produced_it_when_the_test_ends)).And.Contain("a planted stderr line")
                .And.Contain("a test client secret").And.NotContain(secret);
        }
        finally
        {
            SecretWatch.Current = outer;
        }
    }

    [Fact]
    public void Shapes_and_registered_values_are_found_and_ordinary_text_is_not()
    {
        var registered = SecretScan.Register("a planted store key", "c3RvcmUta2V5LXBsYW50ZWQtZm9yLXRoZS10ZXN0");

        SecretScan.FindLeak($"Authorization: Bearer fake-access-{new string('a', 32)}").Should().Contain("access token");
        SecretScan.FindLeak($"code=fake-code-{new string('0', 32)}&state=x").Should().Contain("authorization code");
        SecretScan.FindLeak($"key {registered}.").Should().Contain("a planted store key");
        SecretScan.FindLeak("Not signed in to Oura. Run `OuraMcp.Server auth login`; client fake-client-id").Should().BeNull();
        FluentActions.Invoking(() => SecretScan.ShouldBeClean("a tool result", $"token {registered}")).Should().Throw<XunitException>()
            .WithMessage("*a tool result*").Which.Message.Should().NotContain(registered);
    }
}
