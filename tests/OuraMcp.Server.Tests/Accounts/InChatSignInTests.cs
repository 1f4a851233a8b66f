using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Web;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.Server.Cli;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Accounts;

/// <summary>
/// Signing in from the chat, in process: a C# SDK client that declares URL elicitation and whose handler plays the
/// browser against the fake Oura on a loopback port, the server's loopback listener on a free port, and a scan of
/// every log line and every message the server sent for tokens, codes and the client secret (SecretCapture; a leak
/// fails the test when it ends).
/// </summary>
public sealed class InChatSignInTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>The test's client: what it declares, what it answers an elicitation with, and what it saw.</summary>
    private sealed class Client
    {
        public ConcurrentQueue<ElicitRequestParams> Elicitations { get; } = new();

        public TaskCompletionSource<string> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The authorization codes the browser carried to the listener: they must never show anywhere.</summary>
        public ConcurrentQueue<string> Codes { get; } = new();

        public McpClientOptions Options(ElicitationCapability? elicitation, string answer, bool browse, string? protocolVersion = null) => new()
        {
            ClientInfo = new Implementation { Name = "in-chat-sign-in-test", Version = "1.0" },
            ProtocolVersion = protocolVersion,
            Capabilities = new ClientCapabilities { Elicitation = elicitation },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = elicitation is null ? null : async (request, cancellationToken) =>
                {
                    Elicitations.Enqueue(request!);
                    if (answer == "accept" && browse) await BrowseAsync(new Uri(request!.Url!), cancellationToken);
                    return new ElicitResult { Action = answer };
                },
                NotificationHandlers =
                [
                    new(NotificationMethods.ElicitationCompleteNotification, (notification, _) =>
                    {
                        var payload = notification.Params.Deserialize<ElicitationCompleteNotificationParams>(McpJsonUtilities.DefaultOptions);
                        Completed.TrySetResult(payload!.ElicitationId);
                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        };

        /// <summary>The person's browser: Oura's consent page (the fake consents at once), then the redirect to the server's listener.</summary>
        private async Task BrowseAsync(Uri url, CancellationToken cancellationToken)
        {
            using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            using var consent = await browser.GetAsync(url, cancellationToken);
            consent.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var callback = consent.Headers.Location!;
            Codes.Enqueue(HttpUtility.ParseQueryString(callback.Query)["code"]!);
            using var landing = await browser.GetAsync(callback, cancellationToken);
            landing.StatusCode.Should().Be(HttpStatusCode.OK);
            (await landing.Content.ReadAsStringAsync(cancellationToken)).Should().Contain("Signed in to Oura");
        }
    }

    private static ElicitationCapability UrlElicitation => new() { Url = new UrlElicitationCapability() };

    private static async Task<InProcessServer> StartAsync(SignInWorld world, McpClientOptions options)
    {
        var environment = world.Environment();
        environment["OURA_TIMEZONE"] = "UTC";
        // A free port: the fixed one of `auth login` could be in use on the test machine.
        environment[InChatSignIn.RedirectPortVariable] = "0";
        var settings = CommandLine.Parse([], name => environment.GetValueOrDefault(name)).Settings;
        return await InProcessServer.StartAsync(settings, options, SecretCapture.Watch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    public async Task A_client_with_url_elicitation_is_offered_the_sign_in_page_and_the_retried_call_returns_data(string? protocolVersion)
    {
        await using var world = await SignInWorld.StartAsync();
        var client = new Client();
        await using var server = await StartAsync(world, client.Options(UrlElicitation, "accept", browse: true, protocolVersion));

        var first = await server.Client.CallToolAsync("get_personal_info");

        first.IsError.Should().BeTrue();
        first.Text().Should().Contain("sign-in page").And.Contain("offered").And.Contain("retry the request");
        var elicitation = client.Elicitations.Should().ContainSingle().Subject;
        elicitation.Mode.Should().Be("url");
        elicitation.Message.Should().Be("Sign in to Oura to let me read your data (account 'default').");
        elicitation.ElicitationId.Should().NotBeNullOrEmpty();
        var url = new Uri(elicitation.Url!);
        url.GetLeftPart(UriPartial.Path).Should().Be(world.Environment()["OURA_AUTHORIZE_URL"]);
        var query = HttpUtility.ParseQueryString(url.Query);
        query["redirect_uri"].Should().StartWith("http://127.0.0.1:");
        query["code_challenge_method"].Should().Be("S256");
        query["state"].Should().NotBeNullOrEmpty();

        (await client.Completed.Task.WaitAsync(Wait)).Should().Be(elicitation.ElicitationId, "the server says when the sign-in it offered completed");
        var retried = await server.Client.CallToolAsync("get_personal_info");

        retried.IsError.Should().NotBe(true, retried.Text());
        retried.Text().Should().Contain("Personal info");
        world.OAuth.CodesExchanged.Should().Be(1);
        var stored = await world.Store().TryGetAsync("default", CancellationToken.None);
        stored.Should().NotBeNull("the sign-in is saved in the shared store, as `auth login` saves it");
        world.OAuth.IsAccessTokenValid(stored!.AccessToken).Should().BeTrue();

        SecretScan.Register("authorization code", client.Codes.Single());
        SecretScan.ShouldBeClean("the tool results", [first.Text(), retried.Text()]);
    }

    [Fact]
    public async Task A_refresh_token_Oura_refuses_is_answered_with_the_sign_in_page_too()
    {
        await using var world = await SignInWorld.StartAsync();
        var grant = await world.SeedExpiredSignInAsync();
        // Spend the refresh token elsewhere, as another machine with a copy of the store would.
        using (var http = new HttpClient())
        {
            (await http.PostAsync(new Uri(world.Fake.BaseAddress, "oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = grant.RefreshToken,
                ["client_id"] = world.Fake.Options.ClientId, ["client_secret"] = world.ClientSecret,
            }))).EnsureSuccessStatusCode();
        }
        var client = new Client();
        await using var server = await StartAsync(world, client.Options(UrlElicitation, "accept", browse: true));

        var first = await server.Client.CallToolAsync("get_daily_summary");

        first.IsError.Should().BeTrue();
        first.Text().Should().Contain("offered");
        await client.Completed.Task.WaitAsync(Wait);
        var retried = await server.Client.CallToolAsync("get_personal_info");
        retried.IsError.Should().NotBe(true, retried.Text());
    }

    [Fact]
    public async Task A_client_without_url_elicitation_gets_the_sentence_with_the_command()
    {
        await using var world = await SignInWorld.StartAsync();
        foreach (var capability in new[] { null, new ElicitationCapability { Form = new FormElicitationCapability() } })
        {
            var client = new Client();
            await using var server = await StartAsync(world, client.Options(capability, "accept", browse: true));

            var result = await server.Client.CallToolAsync("get_personal_info");

            result.IsError.Should().BeTrue();
            result.Text().Should().Be(SignedOutOuraClient.Message);
            client.Elicitations.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("decline", "You declined the Oura sign-in page")]
    [InlineData("cancel", "The Oura sign-in page was dismissed")]
    public async Task Declining_the_sign_in_page_says_so_and_falls_back_to_the_command(string answer, string said)
    {
        await using var world = await SignInWorld.StartAsync();
        var client = new Client();
        await using var server = await StartAsync(world, client.Options(UrlElicitation, answer, browse: false));

        var first = await server.Client.CallToolAsync("get_personal_info");
        var second = await server.Client.CallToolAsync("get_personal_info");

        first.IsError.Should().BeTrue();
        first.Text().Should().StartWith(said).And.EndWith(SignedOutOuraClient.Message);
        second.Text().Should().StartWith(said, "a declined offer leaves nothing pending: the next call offers the page again");
        client.Elicitations.Should().HaveCount(2);
        world.OAuth.CodesExchanged.Should().Be(0);
    }

    [Fact]
    public async Task A_second_call_while_a_sign_in_waits_points_to_it_and_offers_no_second_page()
    {
        await using var world = await SignInWorld.StartAsync();
        var client = new Client();
        // Accepted, but the person has not finished in the browser yet.
        await using var server = await StartAsync(world, client.Options(UrlElicitation, "accept", browse: false));

        var first = await server.Client.CallToolAsync("get_personal_info");
        var second = await server.Client.CallToolAsync("get_daily_summary");

        first.Text().Should().Contain("offered");
        second.IsError.Should().BeTrue();
        second.Text().Should().Contain("already waiting").And.Contain("retry the request");
        client.Elicitations.Should().ContainSingle("one sign-in at a time per process");

        // The pending sign-in still completes when the person gets to it.
        using (var browser = new HttpClient())
            (await browser.GetAsync(client.Elicitations.Single().Url)).StatusCode.Should().Be(HttpStatusCode.OK);
        await client.Completed.Task.WaitAsync(Wait);
        (await server.Client.CallToolAsync("get_personal_info")).IsError.Should().NotBe(true);
    }
}
