using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Json;

namespace OuraMcp.Oura.Tests.Integration;

/// <summary>
/// The real client and its real pipeline, built the way the server builds them (<c>AddOuraClient</c>), talking to
/// an in-process fake Oura. Small pages, so that every listing below crosses page boundaries.
/// </summary>
internal sealed class FakeOuraHarness : IAsyncDisposable
{
    public const string Token = "integration-token";
    public static readonly DateOnly LastDay = new(2026, 3, 20);

    // One person for all tests: generating a year of synthetic data is done once.
    public static IFakePerson Person { get; } = FakeDefaults.CreateDemoPerson(LastDay);

    private readonly ServiceProvider _services;

    public FakeOuraHarness(Action<OuraClientOptions>? configure = null, IOuraTokenProvider? tokens = null, Action<FakeOuraOptions>? fake = null,
        TimeProvider? clock = null)
    {
        var fakeOptions = new FakeOuraOptions { DocumentPageSize = 4, TimeSeriesPageSize = 100 };
        fakeOptions.Accounts.Add(new FakeAccount(Token, Person));
        fake?.Invoke(fakeOptions);
        Fake = FakeOuraServer.CreateInProcess(fakeOptions);

        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddSingleton(tokens ?? new StaticTokenProvider(Token));
        services.AddOuraClient(o =>
        {
            o.BaseAddress = Fake.BaseAddress;
            o.ClientId = fakeOptions.ClientId;
            o.ClientSecret = fakeOptions.ClientSecret;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        }, _ => Fake.CreateHandler());
        _services = services.BuildServiceProvider();
    }

    public FakeOuraServer Fake { get; }

    public IOuraClient Client => _services.GetRequiredService<IOuraClient>();

    public IOuraWebhookClient Webhooks => _services.GetRequiredService<IOuraWebhookClient>();

    /// <summary>The ground truth: the ids the fake holds for these local days.</summary>
    public static List<string> IdsOn(OuraCollection collection, DateOnly first, DateOnly last) =>
        Person.Documents(collection).Where(d => d.Day >= first && d.Day <= last).Select(d => d.Id!).ToList();

    /// <summary>The id of any model, read the way Oura spells it.</summary>
    public static string IdOf(object model) =>
        JsonSerializer.SerializeToElement(model, OuraJson.Options.GetTypeInfo(model.GetType())).GetProperty("id").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
