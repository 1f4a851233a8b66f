using System.Collections.Concurrent;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Models;

namespace OuraMcp.Server.Tests.Support;

/// <summary>
/// A test double of <see cref="IOuraClient"/> holding a small, explicit data set. It honours the client's contract as
/// the tools rely on it (exactly the local days or instants asked for, every page, progress per page) and can be told
/// to fail or to stall. Tests read the fake Oura through the real client; this double stays only where a test needs
/// what the fake cannot do (each use says why).
/// </summary>
public sealed class InMemoryOuraClient : IOuraClient
{
    private readonly ConcurrentDictionary<string, List<object>> _documents = new();
    private readonly ConcurrentDictionary<string, Exception> _failures = new();

    public PersonalInfo PersonalInfo { get; set; } = new() { Id = "me", Age = 41, Weight = 72.46, Height = 1.781, BiologicalSex = "female", Email = "demo@example.com" };

    /// <summary>Documents per page; every list call reports one progress step per page.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>When set, list calls wait on it (for cancellation tests).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<(string Collection, OuraListRequest Request)> Requests { get; } = new();

    /// <summary>List calls whose wait on <see cref="Gate"/> was cancelled.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    private int _cancelled;

    public InMemoryOuraClient Add<T>(OuraCollection<T> collection, params T[] documents) where T : notnull
    {
        _documents.GetOrAdd(collection.Name, _ => []).AddRange(documents.Cast<object>());
        return this;
    }

    public InMemoryOuraClient Fail(OuraCollection collection, Exception exception)
    {
        _failures[collection.Name] = exception;
        return this;
    }

    public async Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((collection.Name, request));
        if (Gate is { } gate)
        {
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_failures.TryGetValue(collection.Name, out var failure)) throw failure;

        var all = _documents.GetValueOrDefault(collection.Name)?.Cast<T>() ?? [];
        var selected = all.Where(d => InRange(collection, d, request)).ToList();
        if (request.Latest) selected = selected.TakeLast(1).ToList();
        var pages = Math.Max(1, (selected.Count + PageSize - 1) / PageSize);
        for (var page = 1; page <= pages; page++)
        {
            request.Progress?.Report(new OuraPageProgress(page, Math.Min(page * PageSize, selected.Count), page < pages));
        }

        return new OuraResult<T> { Data = selected, PagesFetched = pages };
    }

    public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken)
    {
        if (_failures.TryGetValue(collection.Name, out var failure)) throw failure;
        var found = (_documents.GetValueOrDefault(collection.Name) ?? []).Cast<T>()
            .FirstOrDefault(d => (string?)d!.GetType().GetProperty("Id")?.GetValue(d) == documentId);
        return found is null
            ? throw new OuraNotFoundException($"No {collection.Name} document has the id '{documentId}'. Check the id; ids come from list answers.")
            : Task.FromResult(found);
    }

    public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken) =>
        _failures.TryGetValue(OuraCatalog.PersonalInfo.Name, out var failure) ? throw failure : Task.FromResult(PersonalInfo);

    private static bool InRange<T>(OuraCollection collection, T document, OuraListRequest request)
    {
        if (request.Latest) return true;
        switch (document)
        {
            case HeartRateSample h: return InWindow(h.Timestamp, request);
            case RingBatteryLevel b: return InWindow(b.Timestamp, request);
        }

        if (collection.DayField is null || request.StartDay is null) return true;
        var day = (DateOnly)document!.GetType().GetProperties()
            .First(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Any(a => a.Name == collection.DayField))
            .GetValue(document)!;
        return day >= request.StartDay && day <= request.EndDay;
    }

    private static bool InWindow(DateTimeOffset at, OuraListRequest request)
    {
        if (request.Start is { } start) return at >= start && at < request.End;
        var startDay = request.StartDay!.Value.ToDateTime(TimeOnly.MinValue);
        var endDay = request.EndDay!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var local = TimeZoneInfo.ConvertTime(at, request.TimeZone).DateTime;
        return local >= startDay && local < endDay;
    }
}
