using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using OuraMcp.Oura.Auth;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Errors;
using OuraMcp.Oura.Http;
using OuraMcp.Oura.Models;

namespace OuraMcp.Oura.Client;

/// <summary>
/// The Oura API v2 client. An instance built from an <see cref="HttpClient"/> serves one user: its handler chain carries
/// that user's token provider. <see cref="For"/> gives a view of it for one of many users, with their own token
/// provider and budget, over the same pipeline. Identical GETs in flight at the same time are made once and shared
/// (single flight), keyed by the user as well as the URL, so one person never receives another's answer.
/// <para>
/// Lists follow <c>next_token</c> to the end (or say why they stopped), return exactly the local days or instants
/// asked for whatever Oura's date quirks (NOTES section 1), and Oura's errors arrive as
/// <see cref="OuraApiException"/>s whose messages say what to do. Resilience (token, budgets, 429 waits, retries,
/// breaker) belongs to the handler chain; this class only reads what the chain hands it.
/// </para>
/// </summary>
public sealed class OuraClient : IOuraClient
{
    private const string TimestampField = "timestamp";

    private readonly OuraHttp _http;
    private readonly SingleFlight _flights;
    private readonly OuraUser? _user;

    /// <param name="http">An HttpClient whose handler chain authenticates as one user. Its BaseAddress may be null.</param>
    /// <param name="options">Base address (when the HttpClient has none), sandbox switch, page and range caps.</param>
    /// <param name="timeProvider">The clock (Retry-After dates, the sandbox's latest window); the system clock by default.</param>
    public OuraClient(HttpClient http, IOptions<OuraClientOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = new OuraHttp(http, options.Value, timeProvider ?? TimeProvider.System);
        _flights = new SingleFlight();
    }

    private OuraClient(OuraHttp http, SingleFlight flights, OuraUser user)
    {
        _http = http;
        _flights = flights;
        _user = user;
    }

    /// <summary>
    /// This client for <paramref name="user"/>: their token provider and budget, the same pipeline and in-flight table
    /// as every other user's (made once per request; cheap).
    /// </summary>
    public OuraClient For(OuraUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new OuraClient(_http, _flights, user);
    }

    internal SingleFlight Flights => _flights;

    private OuraClientOptions Options => _http.Options;

    /// <inheritdoc />
    public async Task<OuraResult<T>> ListAsync<T>(OuraCollection<T> collection, OuraListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(request);
        if (collection.IsSingleton)
        {
            throw new ArgumentException($"{collection.Name} is one document, not a list; read it with GetPersonalInfoAsync.", nameof(collection));
        }

        var maxPages = request.MaxPages ?? Options.MaxPages;
        if (maxPages < 1) throw new ArgumentOutOfRangeException(nameof(request), maxPages, "At least one page must be allowed.");

        var plan = OuraRange.Plan(collection, request, Options, _http.Time.GetUtcNow());
        var keep = Filter(collection, plan);
        var query = plan.Query.Concat(FieldsParameter(collection, request)).ToList();
        var path = collection.PathFor(Options.UseSandbox);
        var context = Context(collection);

        var kept = new List<T>();
        var tokensSeen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        string? incomplete = null;
        var pages = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var uri = _http.BuildUri(path, token is null ? query : [.. query, OuraRange.Param("next_token", token)]);
            var page = await GetSharedAsync(uri, collection.PageTypeInfo, context, cancellationToken).ConfigureAwait(false);
            pages++;
            foreach (var item in page.Data ?? []) if (keep(item)) kept.Add(item);

            var next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            if (next is not null && !tokensSeen.Add(next))
            {
                incomplete = $"Oura repeated a page token for {collection.Name} after {pages} page(s), so the listing stopped there; " +
                             "what was read before the repeat is returned. Try again later or narrow the range.";
                next = null;
            }
            else if (next is not null && pages >= maxPages)
            {
                incomplete = $"Stopped after reading {pages} page(s) of {collection.Name}; Oura had more. Narrow the range and ask again.";
                next = null;
            }

            request.Progress?.Report(new OuraPageProgress(pages, kept.Count, next is not null));
            if (next is null) break;
            token = next;
        }

        IReadOnlyList<T> data = plan.NewestOnly ? Newest(collection, kept) : kept;
        return new OuraResult<T> { Data = data, IsComplete = incomplete is null, IncompleteReason = incomplete, PagesFetched = pages };
    }

    /// <inheritdoc />
    public Task<T> GetDocumentAsync<T>(OuraCollection<T> collection, string documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (!collection.HasDocumentRoute)
        {
            throw new ArgumentException($"{collection.Name} has no single-document route; list it by range instead.", nameof(collection));
        }

        if (string.IsNullOrWhiteSpace(documentId))
        {
            throw new ArgumentException($"A document id is needed to read one {collection.Name} document.", nameof(documentId));
        }

        var uri = _http.BuildUri($"{collection.PathFor(Options.UseSandbox)}/{Uri.EscapeDataString(documentId)}", []);
        return GetSharedAsync(uri, collection.ModelTypeInfo, Context(collection) with { DocumentId = documentId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PersonalInfo> GetPersonalInfoAsync(CancellationToken cancellationToken)
    {
        var collection = OuraCatalog.PersonalInfo;
        if (Options.UseSandbox && !collection.HasSandbox)
        {
            // No twin under /v2/sandbox (NOTES section 7): say so rather than read the real profile or fail with a 404.
            return Task.FromException<PersonalInfo>(new OuraNotFoundException(
                "The Oura sandbox has no personal_info: Oura offers no sandbox version of the user's profile. Turn the sandbox off to read it."));
        }

        var uri = _http.BuildUri(collection.Path, []);
        return GetSharedAsync(uri, collection.ModelTypeInfo, Context(collection), cancellationToken);
    }

    /// <summary>
    /// One GET, shared with the same user's identical GETs in flight; the parsed result is shared too (treated as
    /// immutable). The user is part of the key: two people asking for the same URL get their own answers.
    /// </summary>
    private Task<TResult> GetSharedAsync<TResult>(Uri uri, JsonTypeInfo<TResult> typeInfo, OuraErrorContext context, CancellationToken cancellationToken)
        =>
        _flights.RunAsync(FlightKey(_user, uri), async upstream =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (_user is { } user)
            {
                request.Options.Set(OuraRequestOptions.TokenProvider, user.Tokens);
                request.Options.Set(OuraRequestOptions.UserKey, user.Key);
            }

            return await _http.GetJsonAsync(request, typeInfo, context, upstream).ConfigureAwait(false);
        }, cancellationToken);

    // A newline cannot occur in an absolute URI, so no user key and URL can spell another pair's key.
    internal static string FlightKey(OuraUser? user, Uri uri) => user is null ? uri.AbsoluteUri : user.Key + "\n" + uri.AbsoluteUri;

    private static OuraErrorContext Context(OuraCollection collection) =>
        new() { Subject = collection.Name, Title = collection.Title, Scope = collection.Scope };

    /// <summary>
    /// <c>fields</c> only where the real route honours it: the sandbox has no such parameter (NOTES section 7), and
    /// tag, enhanced_tag and daily_resilience ignore it. The member the client trims by is always asked for too.
    /// </summary>
    private IEnumerable<string> FieldsParameter(OuraCollection collection, OuraListRequest request)
    {
        if (request.Fields is not { Count: > 0 } fields || !collection.SupportsFields || Options.UseSandbox) yield break;
        var names = fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList();
        var trimBy = TrimField(collection);
        if (trimBy is not null && !names.Contains(trimBy, StringComparer.Ordinal)) names.Add(trimBy);
        if (names.Count == 0) yield break;
        yield return "fields=" + string.Join(',', names.Select(Uri.EscapeDataString));
    }

    private static string? TrimField(OuraCollection collection) => collection.Range switch
    {
        RangeKind.Dates => collection.DayField,
        RangeKind.DateTimes => TimestampField,
        _ => null,
    };

    /// <summary>
    /// The trim: documents whose local day (the catalog's DayField) is outside the caller's days, rows whose timestamp
    /// is outside [start, end). The member is read through the source-generated metadata, so the catalog's JSON name
    /// is the only thing that needs to know where the day is. A document without the member is kept: dropping
    /// what cannot be placed would lose data silently.
    /// </summary>
    private static Func<T, bool> Filter<T>(OuraCollection<T> collection, OuraRangePlan plan)
    {
        if (plan.FirstDay is { } first && plan.LastDay is { } last && collection.DayField is { } dayField)
        {
            var day = Member(collection, dayField);
            return item => day(item!) switch
            {
                DateOnly d when d != default => d >= first && d <= last,
                _ => true,
            };
        }

        if (plan.From is { } from && plan.To is { } to)
        {
            var timestamp = Member(collection, TimestampField);
            return item => timestamp(item!) switch
            {
                DateTimeOffset t when t != default => t >= from && t < to,
                _ => true,
            };
        }

        return static _ => true;
    }

    private static IReadOnlyList<T> Newest<T>(OuraCollection<T> collection, List<T> rows)
    {
        if (rows.Count <= 1) return rows;
        var timestamp = Member(collection, TimestampField);
        return [rows.MaxBy(row => timestamp(row!) is DateTimeOffset t ? t : DateTimeOffset.MinValue)!];
    }

    private static Func<object, object?> Member<T>(OuraCollection<T> collection, string jsonName) =>
        collection.ModelTypeInfo.Properties.FirstOrDefault(p => p.Name == jsonName)?.Get
        ?? throw new InvalidOperationException($"The catalog names '{jsonName}' for {collection.Name}, but its model has no such member.");
}
