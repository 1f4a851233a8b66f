using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;
using OuraMcp.History.Storage;
using OuraMcp.History.Sync;
using OuraMcp.Oura;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Testing;

namespace OuraMcp.History.Tests.Support;

/// <summary>
/// The real client and pipeline (built as the server builds them) against an in-process fake Oura holding one
/// synthetic person, with a switch that interrupts the sync at its n-th request before the request reaches the fake.
/// The sync's clock stands at noon of the person's last day, so that day and the two before are provisional.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public const string Token = "history-token";
    public const string Zone = "Europe/Helsinki";

    private readonly ServiceProvider _services;
    private readonly Interrupter _interrupter = new();

    public SyncHarness(IFakePerson person, DateOnly lastDay)
    {
        Person = person;
        var options = new FakeOuraOptions();
        options.Accounts.Add(new FakeAccount(Token, person));
        Fake = FakeOuraServer.CreateInProcess(options);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var noon = new DateTime(lastDay, new TimeOnly(12, 0), DateTimeKind.Unspecified);
        Clock = new FakeTimeProvider(new DateTimeOffset(noon, TimeZone.GetUtcOffset(noon)));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IOuraTokenProvider>(new StaticTokenProvider(Token));
        services.AddOuraClient(o =>
        {
            o.BaseAddress = Fake.BaseAddress;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        }, _ => { _interrupter.InnerHandler = Fake.CreateHandler(); return _interrupter; });
        _services = services.BuildServiceProvider();
    }

    public IFakePerson Person { get; }

    public FakeOuraServer Fake { get; }

    public TimeZoneInfo TimeZone { get; }

    public FakeTimeProvider Clock { get; }

    public IOuraClient Client => _services.GetRequiredService<IOuraClient>();

    public HistorySync Sync(IHistoryStore store) => new(Client, store, Clock);

    public HistorySyncRequest Request(string person = "alice") => new(person, TimeZone);

    /// <summary>Runs a sync that is cancelled when it sends its <paramref name="interruptAt"/>-th request; returns whether it was interrupted.</summary>
    public async Task<bool> RunInterruptedAsync(IHistoryStore store, int interruptAt)
    {
        using var cancel = new CancellationTokenSource();
        _interrupter.Arm(interruptAt, cancel);
        try
        {
            await Sync(store).RunAsync(Request(), null, cancel.Token);
            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return true;
        }
        finally
        {
            _interrupter.Disarm();
        }
    }

    /// <summary>
    /// The local days a logged request asked for, undoing the client's documented widening for collections Oura
    /// filters by a UTC date with an exclusive end (two days each side: OuraRange.WidenBefore/WidenAfter).
    /// </summary>
    public (OuraCollection Collection, DayInterval Days)? DaysOf(FakeRequest request)
    {
        if (!request.Path.StartsWith("/v2/usercollection/", StringComparison.Ordinal)) return null;
        var collection = OuraCatalog.Find(request.Path["/v2/usercollection/".Length..]);
        if (collection is null) return null;
        if (request.Query.TryGetValue("start_date", out var start) && request.Query.TryGetValue("end_date", out var end))
        {
            // The client asks with a margin of two days each side where Oura's filter is not the local day (OuraRange).
            var widen = collection.AsksWithMargin ? 2 : 0;
            return (collection, new DayInterval(Date(start).AddDays(widen), Date(end).AddDays(-widen)));
        }
        if (request.Query.TryGetValue("start_datetime", out var from) && request.Query.TryGetValue("end_datetime", out var to))
        {
            DateOnly Local(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
            return (collection, new DayInterval(Local(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture)), Local(DateTimeOffset.Parse(to, CultureInfo.InvariantCulture).AddTicks(-1))));
        }
        return null;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>Cancels the sync at its n-th request, which then never reaches the fake.</summary>
    private sealed class Interrupter : DelegatingHandler
    {
        private int _remaining = int.MaxValue;
        private CancellationTokenSource? _cancel;

        public void Arm(int at, CancellationTokenSource cancel) => (_remaining, _cancel) = (at, cancel);

        public void Disarm() => (_remaining, _cancel) = (int.MaxValue, null);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _remaining) == 0 && _cancel is { } cancel)
            {
                // As when the user presses Ctrl+C mid-request: the sync's token is cancelled, and the client then
                // abandons the request in flight (its single flight has no other waiter).
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
