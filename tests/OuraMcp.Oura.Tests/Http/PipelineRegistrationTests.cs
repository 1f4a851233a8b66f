using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class PipelineRegistrationTests
{
    private static ServiceProvider Services(ScriptedHttpHandler network, IOuraTokenProvider tokens)
    {
        var services = new ServiceCollection();
        services.AddSingleton(tokens);
        services.AddSingleton<TimeProvider>(new ObservedClock { AutoAdvance = true });
        services.Configure<OuraClientOptions>(o =>
        {
            o.OverallTimeout = Timeout.InfiniteTimeSpan;
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });
        services.AddHttpClient("oura", c => c.BaseAddress = new Uri("https://api.ouraring.com"))
            .AddOuraPipeline()
            .ConfigurePrimaryHttpMessageHandler(() => network);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_resend_with_a_refreshed_token_goes_through_the_budget_again()
    {
        var network = new ScriptedHttpHandler().ThenStatus(HttpStatusCode.Unauthorized).ThenJson("{}");
        using var services = Services(network, new FakeTokenProvider("old-token", "new-token"));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("oura");

        using var response = await client.GetAsync("/v2/usercollection/personal_info");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var budget = services.GetRequiredService<OuraRateBudget>();
        var snapshot = budget.GetSnapshot();
        snapshot.Application.Available.Should().Be(snapshot.Application.Capacity - 2, "both sends were paced by the budget");
        snapshot.Tokens.Select(t => t.Key).Should().BeEquivalentTo(
            [OuraRateBudget.KeyFor("old-token"), OuraRateBudget.KeyFor("new-token")]);
    }

    [Fact]
    public async Task Every_client_of_the_process_shares_one_budget()
    {
        var network = new ScriptedHttpHandler { Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, "{}") };
        using var services = Services(network, new StaticTokenProvider("token"));
        var factory = services.GetRequiredService<IHttpClientFactory>();

        (await factory.CreateClient("oura").GetAsync("/v2/usercollection/personal_info")).Dispose();
        (await factory.CreateClient("oura").GetAsync("/v2/usercollection/personal_info")).Dispose();

        var snapshot = services.GetRequiredService<OuraRateBudget>().GetSnapshot();
        snapshot.Tokens.Should().ContainSingle().Which.Available.Should().Be(snapshot.Tokens[0].Capacity - 2);
    }

    [Fact]
    public void The_pipelines_deadline_replaces_HttpClients_own_timeout()
    {
        using var services = Services(new ScriptedHttpHandler(), new StaticTokenProvider("token"));

        services.GetRequiredService<IHttpClientFactory>().CreateClient("oura").Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }
}
