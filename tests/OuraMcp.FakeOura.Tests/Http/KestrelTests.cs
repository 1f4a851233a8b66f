using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OuraMcp.FakeOura.Tests.Http;

public class KestrelTests
{
    [Fact]
    public async Task On_a_loopback_port_data_faults_and_the_control_api_work_over_real_http()
    {
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount("port-token", new TestPerson().DailySleep(new(2026, 3, 5))));
        await using var server = await FakeOuraServer.StartAsync(options);
        server.BaseAddress.Host.Should().Be("127.0.0.1");
        server.BaseAddress.Port.Should().BePositive();
        using var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "port-token");

        var page = await client.GetFromJsonAsync<JsonElement>("v2/usercollection/daily_sleep?start_date=2026-03-05&end_date=2026-03-05");
        FakeOuraHarness.Ids(page).Should().Equal("ds-2026-03-05");

        using var arm = await client.PostAsync("_fake/faults", new StringContent("""{"kind":"server_error","status":503}""", System.Text.Encoding.UTF8, "application/json"));
        arm.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        (await client.PostAsync("_fake/accounts/port-token/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("v2/usercollection/daily_sleep")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var log = await client.GetFromJsonAsync<JsonElement>("_fake/requests");
        log.EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).Should().Equal(200, 503, 401);
    }

    [Fact]
    public async Task On_a_loopback_port_a_timeout_ends_when_the_client_gives_up_and_the_server_still_stops()
    {
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount("port-token", new TestPerson()));
        var server = await FakeOuraServer.StartAsync(options);
        using var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        server.Faults.Timeout(count: null);

        var act = () => client.GetAsync("v2/usercollection/daily_sleep");
        await act.Should().ThrowAsync<TaskCanceledException>();

        // A request still held when the server stops: this client does not give up on its own, so the request is surely
        // waiting inside the server (however slow a loaded machine is) when the server is disposed.
        using var patient = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var held = patient.GetAsync("v2/usercollection/daily_sleep");
        await FaultTests.WaitUntil(() => server.Faults.Waiting >= 1);
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await held.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
