using System.Text.Json.Serialization;

namespace OuraMcp.FakeOura;

/// <summary>The misbehaviours a fake Oura can be told to show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FakeFaultKind>))]
public enum FakeFaultKind
{
    /// <summary>429 with <c>Retry-After</c> and the four <c>X-RateLimit-*</c> headers.</summary>
    [JsonStringEnumMemberName("rate_limit")] RateLimit,

    /// <summary>A 5xx with a short JSON body.</summary>
    [JsonStringEnumMemberName("server_error")] ServerError,

    /// <summary>The normal answer, late (waits on the fake's <see cref="TimeProvider"/>; honours cancellation).</summary>
    [JsonStringEnumMemberName("delay")] Delay,

    /// <summary>No answer at all until the client gives up.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>The normal answer with its body cut in half: invalid JSON.</summary>
    [JsonStringEnumMemberName("malformed_json")] MalformedJson,

    /// <summary>401, as for an expired access token.</summary>
    [JsonStringEnumMemberName("expired_token")] ExpiredToken,

    /// <summary>403, as for a lapsed membership or a withdrawn consent.</summary>
    [JsonStringEnumMemberName("forbidden")] Forbidden,

    /// <summary>List pages keep returning the same <c>next_token</c>, so a client must detect the cycle.</summary>
    [JsonStringEnumMemberName("next_token_cycle")] NextTokenCycle,

    /// <summary>
    /// The normal answer, with one member of one document of the page's <c>data</c> replaced by a value of the wrong
    /// shape (<see cref="FakeFault.Field"/> = <see cref="FakeFault.Value"/> on document <see cref="FakeFault.DocumentIndex"/>);
    /// on a single-document route, in that document.
    /// </summary>
    [JsonStringEnumMemberName("malformed_document")] MalformedDocument,

    /// <summary>The normal answer, with document <see cref="FakeFault.DocumentIndex"/> of the page's <c>data</c> sent twice.</summary>
    [JsonStringEnumMemberName("repeated_document")] RepeatedDocument,
}

/// <summary>
/// One fault: what goes wrong, for which requests (those whose path starts with <see cref="PathPrefix"/>, all Oura
/// routes when null) and how often (the next <see cref="Count"/> matching requests; null = until cleared).
/// Posted to <c>/_fake/faults</c> as the same shape in snake_case JSON, e.g.
/// <c>{"kind":"rate_limit","path_prefix":"/v2/usercollection/sleep","count":2,"retry_after_seconds":30,"tier":"per-token"}</c>.
/// </summary>
public sealed record FakeFault
{
    public required FakeFaultKind Kind { get; init; }

    public string? PathPrefix { get; init; }

    /// <summary>How many matching requests it affects; null until cleared.</summary>
    public int? Count { get; init; } = 1;

    /// <summary>RateLimit: the <c>Retry-After</c> seconds (the window resets that long from now).</summary>
    public int RetryAfterSeconds { get; init; } = 60;

    /// <summary>RateLimit: <c>per-token</c> or <c>per-application</c>.</summary>
    public string Tier { get; init; } = "per-token";

    /// <summary>RateLimit: the <c>X-RateLimit-Limit</c> ceiling (Oura's FAQ: 5000 per 5 minutes).</summary>
    public int Limit { get; init; } = 5000;

    /// <summary>RateLimit: the <c>X-RateLimit-Window</c> in seconds.</summary>
    public int WindowSeconds { get; init; } = 300;

    /// <summary>ServerError: 500, 502 or 503.</summary>
    public int Status { get; init; } = 500;

    /// <summary>Delay: how late the answer comes, in milliseconds.</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>MalformedDocument, RepeatedDocument: which document of the page's <c>data</c> (0-based; past the end: the last).</summary>
    public int DocumentIndex { get; init; } = 1;

    /// <summary>MalformedDocument: the member replaced (a dotted path for a nested one, e.g. <c>contributors.deep_sleep</c>).</summary>
    public string? Field { get; init; }

    /// <summary>MalformedDocument: the text put in its place (a JSON string, which no date, number or object accepts).</summary>
    public string Value { get; init; } = "not a value Oura documents";
}

internal static class FakeFaultKinds
{
    /// <summary>Faults that let the route answer and then change the answer (or its timing), so several can apply at once.</summary>
    public static bool ShapesTheAnswer(this FakeFaultKind kind) =>
        kind is FakeFaultKind.Delay or FakeFaultKind.MalformedJson or FakeFaultKind.MalformedDocument or FakeFaultKind.RepeatedDocument;
}

/// <summary>Misbehaviour on request. Faults are checked in the order added; thread-safe.</summary>
public sealed class FakeFaults
{
    private readonly object _gate = new();
    private readonly List<ActiveFault> _faults = [];
    private int _waiting;

    /// <summary>The faults still armed, with the count each has left.</summary>
    public IReadOnlyList<FakeFault> Active
    {
        get { lock (_gate) return [.. _faults.Select(f => f.Fault with { Count = f.Remaining })]; }
    }

    /// <summary>Arms a fault.</summary>
    public FakeFault Add(FakeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Count is <= 0) throw new ArgumentOutOfRangeException(nameof(fault), "Count must be positive, or null for until cleared.");
        if (fault.Kind == FakeFaultKind.ServerError && fault.Status is < 500 or > 599)
            throw new ArgumentOutOfRangeException(nameof(fault), "A server error needs a 5xx status.");
        if (fault.Kind == FakeFaultKind.RateLimit && fault.Tier is not ("per-token" or "per-application"))
            throw new ArgumentOutOfRangeException(nameof(fault), "Tier is per-token or per-application.");
        if (fault.Kind == FakeFaultKind.MalformedDocument && string.IsNullOrWhiteSpace(fault.Field))
            throw new ArgumentException("A malformed document needs the field to spoil.", nameof(fault));
        if (fault.DocumentIndex < 0) throw new ArgumentOutOfRangeException(nameof(fault), "DocumentIndex is 0 or more.");
        lock (_gate) _faults.Add(new ActiveFault(fault));
        return fault;
    }

    public FakeFault RateLimit(int retryAfterSeconds = 60, string tier = "per-token", int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.RateLimit, RetryAfterSeconds = retryAfterSeconds, Tier = tier, Count = count, PathPrefix = pathPrefix });

    public FakeFault ServerError(int status = 500, int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.ServerError, Status = status, Count = count, PathPrefix = pathPrefix });

    public FakeFault Delay(TimeSpan delay, int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.Delay, DelayMilliseconds = checked((int)delay.TotalMilliseconds), Count = count, PathPrefix = pathPrefix });

    public FakeFault Timeout(int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.Timeout, Count = count, PathPrefix = pathPrefix });

    public FakeFault MalformedJson(int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.MalformedJson, Count = count, PathPrefix = pathPrefix });

    public FakeFault ExpiredToken(int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.ExpiredToken, Count = count, PathPrefix = pathPrefix });

    public FakeFault Forbidden(int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.Forbidden, Count = count, PathPrefix = pathPrefix });

    public FakeFault MalformedDocument(string field, string? value = null, int documentIndex = 1, int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault
        {
            Kind = FakeFaultKind.MalformedDocument, Field = field, Value = value ?? new FakeFault { Kind = FakeFaultKind.MalformedDocument }.Value,
            DocumentIndex = documentIndex, Count = count, PathPrefix = pathPrefix,
        });

    public FakeFault RepeatedDocument(int documentIndex = 0, int? count = 1, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.RepeatedDocument, DocumentIndex = documentIndex, Count = count, PathPrefix = pathPrefix });

    /// <summary>Until cleared by default: a cycle is only a cycle if it keeps going.</summary>
    public FakeFault NextTokenCycle(int? count = null, string? pathPrefix = null) =>
        Add(new FakeFault { Kind = FakeFaultKind.NextTokenCycle, Count = count, PathPrefix = pathPrefix });

    /// <summary>Disarms every fault.</summary>
    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>
    /// Requests currently held by a Delay or Timeout fault, with their timer already scheduled: for tests driving a manual
    /// clock, and for tests that need a call certainly in flight.
    /// </summary>
    public int Waiting => Volatile.Read(ref _waiting);

    internal void EnterWait() => Interlocked.Increment(ref _waiting);

    internal void ExitWait() => Interlocked.Decrement(ref _waiting);

    /// <summary>
    /// Takes one use of the armed faults that shape the response to a request on <paramref name="path"/>, oldest first:
    /// every matching Delay and body-shaping fault up to and including the first fault that answers in place of Oura.
    /// </summary>
    internal List<FakeFault> TakeForRequest(string path)
    {
        var taken = new List<FakeFault>();
        lock (_gate)
        {
            foreach (var active in _faults.ToList())
            {
                if (active.Fault.Kind == FakeFaultKind.NextTokenCycle || !Matches(active, path)) continue;
                taken.Add(active.Fault);
                Use(active);
                if (!active.Fault.Kind.ShapesTheAnswer()) break;
            }
        }
        return taken;
    }

    /// <summary>Takes one use of a NextTokenCycle fault matching <paramref name="path"/>; false when none is armed.</summary>
    internal bool TakeNextTokenCycle(string path)
    {
        lock (_gate)
        {
            var active = _faults.FirstOrDefault(f => f.Fault.Kind == FakeFaultKind.NextTokenCycle && Matches(f, path));
            if (active is null) return false;
            Use(active);
            return true;
        }
    }

    private static bool Matches(ActiveFault active, string path) =>
        active.Fault.PathPrefix is not { } prefix || path.StartsWith(prefix, StringComparison.Ordinal);

    private void Use(ActiveFault active)
    {
        if (active.Remaining is not null && --active.Remaining == 0) _faults.Remove(active);
    }

    private sealed class ActiveFault(FakeFault fault)
    {
        public FakeFault Fault { get; } = fault;

        public int? Remaining { get; set; } = fault.Count;
    }
}
