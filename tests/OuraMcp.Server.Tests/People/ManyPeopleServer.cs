using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Accounts.OAuth;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Auth;
using OuraMcp.Server.Hosting;
using OuraMcp.Server.People;

namespace OuraMcp.Server.Tests.People;

/// <summary>
/// One server process's composition serving two people, Alice (Helsinki) and Bob (Los Angeles), each with their own
/// account on one in-process fake Oura, a subject that connected no account (Carol), and one whose Oura sign-in Oura
/// no longer accepts (Dave). Each client connects with a
/// bearer token that the test authentication turns into that person's validated principal; every connection is its
/// own MCP session on the one service provider, as the HTTP transport runs them.
/// </summary>
internal sealed class ManyPeopleServer : IAsyncDisposable
{
    public const string ConnectPage = "https://oura-mcp.test/";

    public static readonly DateOnly LastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public static readonly IFakePerson AliceData = FakePeople.Demo(LastDay);

    public static readonly IFakePerson BobData = FakePeople.Second(LastDay);

    private static readonly IReadOnlyDictionary<string, string> Subjects = new Dictionary<string, string>
    {
        ["bearer-alice"] = "subject-alice",
        ["bearer-bob"] = "subject-bob",
        ["bearer-carol"] = "subject-carol",
        ["bearer-dave"] = "subject-dave",
    };

    private readonly ServiceProvider _services;
    private readonly List<IAsyncDisposable> _connections = [];
    private readonly List<Task> _sessions = [];
    private readonly CancellationTokenSource _stop = new();

    private ManyPeopleServer(ServiceProvider services, FakeOuraServer fake)
    {
        _services = services;
        Fake = fake;
    }

    public FakeOuraServer Fake { get; }

    /// <summary>The one composition every session shares (its subscriptions, its people).</summary>
    public IServiceProvider Services => _services;

    public static ManyPeopleServer Start()
    {
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount("oura-token-alice", AliceData));
        options.Accounts.Add(new FakeAccount("oura-token-bob", BobData));
        var fake = FakeOuraServer.CreateInProcess(options);

        var directory = new Directory(new Dictionary<string, ConnectedPerson>
        {
            ["subject-alice"] = new("alice", AliceData.TimeZone, new StaticTokenProvider("oura-token-alice")),
            ["subject-bob"] = new("bob", BobData.TimeZone, new StaticTokenProvider("oura-token-bob")),
            ["subject-dave"] = new("dave", BobData.TimeZone, new RefusedSignIn()),
        });
        var settings = new ServerSettings();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSignedInPeople(settings, _ => directory, new ConnectPageHint(new Uri(ConnectPage)), _ => fake.CreateHandler());
        services.AddOuraMcpServer(settings);
        return new ManyPeopleServer(services.BuildServiceProvider(), fake);
    }

    /// <summary>A new MCP session whose every message is authenticated with <paramref name="bearer"/> (null: none).</summary>
    public async Task<McpClient> ConnectAsync(string? bearer)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var options = _services.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var loggers = _services.GetRequiredService<ILoggerFactory>();
        var transport = new AuthenticatedTransport(
            new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), loggerFactory: loggers),
            TestBearer.Validate(bearer, Subjects));
        var server = McpServer.Create(transport, options, loggers, _services);
        _sessions.Add(server.RunAsync(_stop.Token));
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            new McpClientOptions { ClientInfo = new Implementation { Name = "person-" + (bearer ?? "anonymous"), Version = "1" } });
        _connections.Add(client);
        _connections.Add(server);
        _connections.Add(transport);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var connection in _connections) await connection.DisposeAsync();
        await Task.WhenAll(_sessions).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>A stored sign-in whose refresh Oura answered invalid_grant.</summary>
    private sealed class RefusedSignIn : IOuraTokenProvider
    {
        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            throw new OuraSignInRequiredException("Oura no longer accepts this sign-in (invalid_grant).");

        public ValueTask<string?> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }

    /// <summary>Who connected an Oura account, as the hosted store will say.</summary>
    private sealed class Directory(IReadOnlyDictionary<string, ConnectedPerson> people) : IPersonDirectory
    {
        public ValueTask<ConnectedPerson?> FindAsync(string subject, CancellationToken cancellationToken) =>
            ValueTask.FromResult(people.GetValueOrDefault(subject));
    }
}
