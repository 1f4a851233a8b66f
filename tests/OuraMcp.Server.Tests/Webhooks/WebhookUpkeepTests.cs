using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Http;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Server.Webhooks;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>The hosted server's own upkeep of the app's webhook subscriptions, on a clock the test moves.</summary>
public sealed class WebhookUpkeepTests
{
    [Fact]
    public async Task The_hosted_server_ensures_the_subscriptions_at_start_and_renews_them_before_they_expire()
    {
        var clock = new ObservedClock(ServerHarness.Now);
        // The receiver at /webhooks/oura is not what this test is about: the fake subscribes without calling it back.
        await using var oura = await WebhookHarness.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.VerifyWebhookCallbacks = false;
        });
        var environment = oura.Environment();
        environment["OURA_MCP_API_KEY"] = SecretScan.NewSecret("apikey");
        environment[HttpCommandLine.PublicUrlVariable] = "https://oura-mcp.example/";
        var listen = HttpCommandLine.Parse(new HttpFlags("0", null, null, "api-key", null), environment.GetValueOrDefault);
        await using var app = HttpServer.Build(oura.Settings(environment: environment), listen, services =>
        {
            SecretCapture.Watch(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        var upkeep = app.Services.GetRequiredService<WebhookUpkeep>();

        await app.StartAsync();
        await PassesAsync(upkeep, 1, clock);
        var first = await oura.SubscriptionsAsync();
        first.Should().HaveCount(WebhookEnsure.Needed.Count).And.OnlyContain(s => s.CallbackUrl == "https://oura-mcp.example/webhooks/oura");
        var expiry = first.Min(s => s.ExpirationTime);

        // From pass to pass, each time to the moment the upkeep said it would wake, until the first expiry is past.
        while (clock.GetUtcNow() < expiry)
        {
            var passes = upkeep.Passes;
            clock.Advance(upkeep.NextPass!.Value - clock.GetUtcNow());
            await PassesAsync(upkeep, passes + 1, clock);
        }

        var after = await oura.SubscriptionsAsync();
        after.Select(s => s.Id).Should().BeEquivalentTo(first.Select(s => s.Id), "renewed in place, nothing created again");
        after.Should().OnlyContain(s => s.ExpirationTime > clock.GetUtcNow(), "every subscription was renewed before it expired");
        upkeep.LastProblem.Should().BeNull();
        upkeep.LastReport!.Count("renewed").Should().Be(0, "renewed a week ahead, the last pass had nothing to do");
        upkeep.Passes.Should().BeInRange(22, 30, "about one pass a day, not a busy loop");
        await app.StopAsync();
    }

    /// <summary>Waits until the upkeep has ended <paramref name="count"/> passes and waits on the clock for the next.</summary>
    private static async Task PassesAsync(WebhookUpkeep upkeep, int count, ObservedClock clock)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (upkeep.Passes < count || clock.TimersDueWithin(upkeep.NextPass!.Value - clock.GetUtcNow()) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The upkeep ended {upkeep.Passes} passes, not {count} ({upkeep.LastProblem}).");
            await Task.Delay(10);
        }
    }
}
