using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using OuraMcp.FakeOura;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Tests.Support;
using OuraMcp.Testing;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// The fake Oura on loopback as the Oura app's webhook side: its client secret and the verification token are fresh
/// secrets the scan looks for everywhere, and its create calls the callback's verification GET, answered here as a
/// receiver would (the challenge back only for the right token).
/// </summary>
public sealed class WebhookHarness : IAsyncDisposable
{
    public const string AccessToken = "webhook-test-token";

    private WebhookHarness(FakeOuraServer fake, string clientSecret, string verificationToken, VerifyingCallback callback)
    {
        Fake = fake;
        ClientSecret = clientSecret;
        VerificationToken = verificationToken;
        Callback = callback;
    }

    public FakeOuraServer Fake { get; }

    public string ClientSecret { get; }

    public string VerificationToken { get; }

    public VerifyingCallback Callback { get; }

    /// <param name="configure">Adjusts the fake (its clock, subscription lifetime, verification) before it starts.</param>
    public static async Task<WebhookHarness> StartAsync(Action<FakeOuraOptions>? configure = null)
    {
        var secret = SecretScan.NewSecret("client");
        var verification = SecretScan.NewSecret("verification");
        var callback = new VerifyingCallback(verification);
        var options = new FakeOuraOptions { ClientSecret = secret, VerifyWebhookCallbacks = true, WebhookCallbackHandler = callback };
        options.Accounts.Add(new FakeAccount(AccessToken, ServerHarness.Person));
        configure?.Invoke(options);
        return new WebhookHarness(await FakeOuraServer.StartAsync(options), secret, verification, callback);
    }

    /// <summary>The server's environment: the Oura app's credentials, the verification token, and the fake as Oura.</summary>
    public Dictionary<string, string> Environment(bool withVerificationToken = true)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OURA_CLIENT_ID"] = Fake.Options.ClientId,
            ["OURA_CLIENT_SECRET"] = ClientSecret,
            ["OURA_ACCESS_TOKEN"] = AccessToken,
            ["OURA_API_BASE_URL"] = Fake.BaseAddress.AbsoluteUri.TrimEnd('/'),
        };
        if (withVerificationToken) environment["OURA_WEBHOOK_VERIFICATION_TOKEN"] = VerificationToken;
        return environment;
    }

    public ServerSettings Settings(bool readOnly = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = environment ?? Environment();
        return new ServerSettings
        {
            AccessToken = AccessToken,
            BaseUrl = Fake.BaseAddress,
            ReadOnly = readOnly,
            AccountEnvironment = name => variables.GetValueOrDefault(name),
        };
    }

    /// <summary>The subscriptions the fake holds, read through its own list route as the app.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> SubscriptionsAsync()
    {
        using var http = new HttpClient { BaseAddress = Fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/webhook/subscription");
        request.Headers.Add("x-client-id", Fake.Options.ClientId);
        request.Headers.Add("x-client-secret", ClientSecret);
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<WebhookSubscription>>(OuraJson.Options))!;
    }

    public ValueTask DisposeAsync() => Fake.DisposeAsync();

    /// <summary>A receiver's verification answer: the challenge back when the token is the right one, 401 otherwise.</summary>
    public sealed class VerifyingCallback(string verificationToken) : HttpMessageHandler
    {
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _checks);
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            if (request.Method != HttpMethod.Get || query["verification_token"] != verificationToken)
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string?> { ["challenge"] = query["challenge"] }), System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
