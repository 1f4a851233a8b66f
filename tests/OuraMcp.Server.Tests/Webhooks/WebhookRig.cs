using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Inbox;
using OuraMcp.History.Storage;
using OuraMcp.Hosting;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Webhooks;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.Http;
using OuraMcp.Server.Webhooks;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// The hosted server (Kestrel on a loopback port, <c>--auth none</c>, one local person reading the fake through the
/// real client) with the webhook receiver on, its history in a SQLite file of its own; and the fake Oura on another
/// port, its app subscribed to the receiver (through Oura's verification GET) for the given data types.
/// </summary>
internal sealed class WebhookRig : IAsyncDisposable
{
    public const string Token = "webhook-test-token";

    public const string VerificationToken = "verify-webhooks-here";

    /// <summary>The key the local person's history is kept under (the `sync` command's).</summary>
    public const string HistoryKey = "default";

    private readonly string _directory;

    private WebhookRig(FakeOuraServer fake, WebApplication app, SqliteHistoryStore store, string directory)
    {
        Fake = fake;
        App = app;
        Store = store;
        _directory = directory;
        Callback = new Uri(new Uri(HttpServer.ListeningUrl(app)), "/webhooks/oura");
    }

    public static DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The demo person with a short history ending today (generated once).</summary>
    public static IFakePerson Person { get; } = FakePeople.Create("webhook-person", 4242, "Europe/Helsinki", Today.AddDays(-20), Today);

    public FakeOuraServer Fake { get; }

    public WebApplication App { get; }

    public SqliteHistoryStore Store { get; }

    public IWebhookInbox Inbox => Store;

    public Uri Callback { get; }

    public static async Task<WebhookRig> StartAsync(params string[] dataTypes)
    {
        var fakeOptions = new FakeOuraOptions { VerifyWebhookCallbacks = true, WebhookRetryDelay = TimeSpan.FromMilliseconds(20) };
        fakeOptions.Accounts.Add(new FakeAccount(Token, Person));
        var fake = await FakeOuraServer.StartAsync(fakeOptions);
        var directory = Directory.CreateTempSubdirectory("oura-webhooks-").FullName;
        var store = new SqliteHistoryStore(Path.Combine(directory, "history.db"));
        var settings = new ServerSettings { AccessToken = Token, BaseUrl = fake.BaseAddress, TimeZone = Person.TimeZone };
        var app = HttpServer.Build(settings, new HttpListenOptions { Port = 0, RequestsPerMinute = 100_000 }, services =>
        {
            services.AddSingleton(new WebhookReceiverOptions { ClientSecret = FakeDefaults.ClientSecret, VerificationToken = VerificationToken });
            services.AddSingleton<IHistoryStore>(store);
        });
        await app.StartAsync();
        var rig = new WebhookRig(fake, app, store, directory);
        foreach (var dataType in dataTypes)
            foreach (var eventType in new[] { "update", "delete" })
                await rig.SubscribeAsync(dataType, eventType);
        return rig;
    }

    /// <summary>Creates a subscription on the fake with the app's credentials; the fake verifies the callback first.</summary>
    public Task<HttpResponseMessage> SubscribeAsync(string dataType, string eventType, string verificationToken = VerificationToken) =>
        SubscribeAsync(Fake, Callback, dataType, eventType, verificationToken);

    /// <summary>Creates a subscription of <paramref name="callback"/> on <paramref name="fake"/> with the app's credentials.</summary>
    public static async Task<HttpResponseMessage> SubscribeAsync(FakeOuraServer fake, Uri callback, string dataType, string eventType, string verificationToken = VerificationToken)
    {
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/webhook/subscription")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["callback_url"] = callback.AbsoluteUri, ["verification_token"] = verificationToken, ["event_type"] = eventType, ["data_type"] = dataType,
            }),
        };
        request.Headers.Add("x-client-id", FakeDefaults.ClientId);
        request.Headers.Add("x-client-secret", FakeDefaults.ClientSecret);
        var response = await http.SendAsync(request);
        if (verificationToken == VerificationToken) response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>POSTs a body to the receiver as Oura would, signed with <paramref name="secret"/> at <paramref name="sentAt"/>.</summary>
    public async Task<(int Status, string Body)> PostAsync(byte[] body, DateTimeOffset? sentAt = null, string secret = FakeDefaults.ClientSecret, string? signature = null)
    {
        var timestamp = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Callback) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(OuraWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(OuraWebhookSignature.SignatureHeader, signature ?? OuraWebhookSignature.Compute(secret, timestamp, body));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static byte[] EventBody(string dataType, string objectId, string eventType = "update", string userId = "webhook-person", string? eventTime = null) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["event_type"] = eventType, ["data_type"] = dataType, ["object_id"] = objectId,
            ["event_time"] = eventTime ?? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["user_id"] = userId,
        }.ToJsonString());

    /// <summary>The id of the person's document of <paramref name="collection"/> on <paramref name="day"/>.</summary>
    public static string DocumentId(OuraCollection collection, DateOnly day) =>
        Person.Documents(collection).First(d => d.Day == day).Id!;

    /// <summary>Waits until the inbox holds no pending event (the processor is done), or fails after 20 s.</summary>
    public async Task<IReadOnlyList<WebhookInboxEntry>> SettledInboxAsync()
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var entries = await Inbox.ListAsync(CancellationToken.None);
            if (entries.All(e => e.State != WebhookEventState.Pending)) return entries;
            await Task.Delay(100);
        }
        throw new TimeoutException("The webhook processor left events pending for 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temporary folder is cleaned by the system.
        }
    }
}
