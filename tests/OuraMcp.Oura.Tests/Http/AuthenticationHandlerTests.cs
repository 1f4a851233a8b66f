using Microsoft.Extensions.Time.Testing;
using System.Net;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Http;
using OuraMcp.Testing;

namespace OuraMcp.Oura.Tests.Http;

public class AuthenticationHandlerTests
{
    [Fact]
    public async Task The_users_token_is_sent_as_a_bearer_token()
    {
        using var harness = new PipelineHarness(new FakeTimeProvider());
        harness.Network.ThenJson("{}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.Network.Requests.Single().Headers["Authorization"].Should().Be($"Bearer {PipelineHarness.Token}");
    }

    [Fact]
    public async Task Without_a_token_the_caller_is_told_to_sign_in_and_Oura_is_not_called()
    {
        using var harness = new PipelineHarness(new FakeTimeProvider(), tokens: new FakeTokenProvider(null));

        var act = () => harness.GetAsync();

        (await act.Should().ThrowAsync<OuraNotSignedInException>()).Which.Message.Should().Contain("Not signed in to Oura");
        harness.Network.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_resends_with_the_new_one()
    {
        var tokens = new FakeTokenProvider("old-token", "new-token");
        using var harness = new PipelineHarness(new FakeTimeProvider(), tokens: tokens);
        harness.Network.ThenStatus(HttpStatusCode.Unauthorized).ThenJson("{}");

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        tokens.Rejected.Should().Equal("old-token");
        harness.Network.Requests.Select(r => r.Headers["Authorization"]).Should().Equal("Bearer old-token", "Bearer new-token");
    }

    [Fact]
    public async Task A_second_401_reaches_the_caller_without_another_refresh()
    {
        var tokens = new FakeTokenProvider("old-token", "new-token", "newer-token");
        using var harness = new PipelineHarness(new FakeTimeProvider(), tokens: tokens);
        harness.Network.ThenStatus(HttpStatusCode.Unauthorized).ThenStatus(HttpStatusCode.Unauthorized);

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        tokens.Rejected.Should().ContainSingle();
        harness.Network.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_401_is_returned_as_it_is_when_no_fresh_token_can_be_had()
    {
        using var harness = new PipelineHarness(new FakeTimeProvider(), tokens: new Auth.StaticTokenProvider("only-token"));
        harness.Network.ThenStatus(HttpStatusCode.Unauthorized);

        using var response = await harness.GetAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        harness.Network.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task App_authenticated_requests_carry_no_bearer_token()
    {
        using var harness = new PipelineHarness(new FakeTimeProvider());
        harness.Network.ThenJson("[]").ThenJson("[]");

        using var marked = new HttpRequestMessage(HttpMethod.Get, "/v2/webhook/subscription");
        marked.Options.Set(OuraRequestOptions.AppCredentials, true);
        (await harness.Client.SendAsync(marked)).Dispose();
        using var withClientId = new HttpRequestMessage(HttpMethod.Get, "/v2/webhook/subscription");
        withClientId.Headers.Add("x-client-id", "app-id");
        (await harness.Client.SendAsync(withClientId)).Dispose();

        harness.Network.Requests.Should().AllSatisfy(r => r.Headers.Should().NotContainKey("Authorization"));
    }

    [Fact]
    public async Task A_token_provider_passed_with_the_request_wins_over_the_handlers_own()
    {
        using var harness = new PipelineHarness(new FakeTimeProvider());
        harness.Network.ThenJson("{}");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/usercollection/personal_info");
        request.Options.Set(OuraRequestOptions.TokenProvider, new FakeTokenProvider("other-users-token"));
        (await harness.Client.SendAsync(request)).Dispose();

        harness.Network.Requests.Single().Headers["Authorization"].Should().Be("Bearer other-users-token");
    }
}
