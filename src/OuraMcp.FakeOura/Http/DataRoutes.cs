using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Json;
using OuraMcp.Oura.Models;

namespace OuraMcp.FakeOura.Http;

/// <summary>
/// The 35 real data routes and their 34 sandbox twins, all driven by <see cref="OuraCatalog.All"/>.
/// Sandbox routes serve the calling account's own person (Oura serves canned data there; the fake has no better
/// canned data than the person it was given) and, like Oura, take neither <c>fields</c> nor <c>latest</c>.
/// </summary>
/// <remarks>
/// Defaults, which Oura leaves unspecified:
/// day collections without <c>end_date</c> end the day after the person's last day, without <c>start_date</c> they start
/// seven days before the end; time series without <c>end_datetime</c> end at the start of the day after the person's
/// last day (in the person's time zone), without <c>start_datetime</c> they start one day before the end.
/// A defaulted end never falls before a given start. Time series filter start-inclusive, end-exclusive on the row timestamp.
/// </remarks>
internal sealed class DataRoutes(FakeOuraState state)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> MemberNames = new();

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var collection in OuraCatalog.All)
        {
            foreach (var sandbox in (bool[])[false, true])
            {
                if (sandbox && !collection.HasSandbox) continue;
                var path = collection.PathFor(sandbox);
                routes.MapGet(path, collection.IsSingleton
                    ? context => PersonalInfoAsync(context, collection)
                    : context => ListAsync(context, collection, sandbox));
                if (collection.HasDocumentRoute)
                    routes.MapGet(path + "/{document_id}", context => DocumentAsync(context, collection));
            }
        }
    }

    private async Task PersonalInfoAsync(HttpContext context, OuraCollection collection)
    {
        if (await AuthenticateAsync(context, collection).ConfigureAwait(false) is not { } account) return;
        var info = account.Person.PersonalInfo;
        // The email is a scope of its own (docs/oura-api.md §6); without it the member is empty, not the whole answer refused.
        if (!account.HasScope("email")) info = info with { Email = null };
        await Responses.Json(context, StatusCodes.Status200OK, JsonSerializer.SerializeToNode(info, OuraJson.Options.GetTypeInfo(typeof(PersonalInfo)))).ConfigureAwait(false);
    }

    private async Task DocumentAsync(HttpContext context, OuraCollection collection)
    {
        if (await AuthenticateAsync(context, collection).ConfigureAwait(false) is not { } account) return;
        var id = (string?)context.Request.RouteValues["document_id"];
        var document = account.Person.Documents(collection).FirstOrDefault(d => d.Id == id);
        if (document is null || state.Edits.IsDeleted(account.Person.Id, collection.Name, id))
        {
            await Responses.NotFound(context).ConfigureAwait(false);
            return;
        }
        await Responses.Json(context, StatusCodes.Status200OK, Served(account.Person, collection, document)).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context, OuraCollection collection, bool sandbox)
    {
        if (await AuthenticateAsync(context, collection).ConfigureAwait(false) is not { } account) return;
        var person = account.Person;
        var query = context.Request.Query;
        var issues = new List<Issue>();

        IEnumerable<FakeDocument> documents = person.Documents(collection).Where(d => !state.Edits.IsDeleted(person.Id, collection.Name, d.Id));
        var range = "";
        switch (collection.Range)
        {
            case RangeKind.Dates:
            {
                var start = QueryValues.Day(query, "start_date", issues);
                var end = QueryValues.Day(query, "end_date", issues);
                if (issues.Count > 0) break;
                if (start > end)
                {
                    await Responses.Detail(context, StatusCodes.Status400BadRequest, "start_date must not be after end_date.").ConfigureAwait(false);
                    return;
                }
                var to = end ?? Max(person.LastDay.AddDays(1), start);
                var from = start ?? to.AddDays(-7);
                documents = collection.DayFilter == UpstreamDayFilter.UtcDateEndExclusive
                    ? documents.Where(d => DateOnly.FromDateTime(d.Instant.UtcDateTime) is var utc && utc >= from && utc < to)
                    : documents.Where(d => d.Day >= from && d.Day <= to);
                range = $"{from:O}/{to:O}";
                break;
            }
            case RangeKind.DateTimes:
            {
                var start = QueryValues.DateTime(query, "start_datetime", issues);
                var end = QueryValues.DateTime(query, "end_datetime", issues);
                if (issues.Count > 0) break;
                if (start > end)
                {
                    await Responses.Detail(context, StatusCodes.Status400BadRequest, "start_datetime must not be after end_datetime.").ConfigureAwait(false);
                    return;
                }
                var to = end ?? Max(StartOfDay(person, person.LastDay.AddDays(1)), start);
                var from = start ?? to.AddDays(-1);
                documents = documents.Where(d => d.Instant >= from && d.Instant < to);
                range = string.Create(CultureInfo.InvariantCulture, $"{from.UtcTicks}/{to.UtcTicks}");
                break;
            }
        }

        var latest = !sandbox && collection.SupportsLatest && QueryValues.Bool(query, "latest", issues) == true;
        var fields = !sandbox && collection.SupportsFields ? Fields(collection, QueryValues.Get(query, "fields"), issues) : null;
        if (issues.Count > 0)
        {
            await Responses.Validation(context, issues).ConfigureAwait(false);
            return;
        }

        var selected = documents.ToList();
        if (latest) selected = selected.Count == 0 ? [] : [selected.MaxBy(d => d.Instant)!];

        var hash = PageToken.QueryHash(string.Join('|', person.Id, collection.Name, sandbox, range, latest,
            fields is null ? "*" : string.Join(',', fields.Order(StringComparer.Ordinal))));
        var offset = 0;
        var incoming = QueryValues.Get(query, "next_token");
        if (incoming is not null)
        {
            if (PageToken.Read(incoming, hash) is not { } read)
            {
                await Responses.Detail(context, StatusCodes.Status400BadRequest, "Invalid next_token for this query.").ConfigureAwait(false);
                return;
            }
            offset = read;
        }

        var timeSeries = collection.Range == RangeKind.DateTimes;
        var pageSize = Math.Max(1, timeSeries ? state.Options.TimeSeriesPageSize : state.Options.DocumentPageSize);
        var next = offset + pageSize < selected.Count ? PageToken.Create(offset + pageSize, hash) : null;
        if (state.Faults.TakeNextTokenCycle(context.Request.Path.Value ?? ""))
            next = incoming ?? next ?? PageToken.Create(0, hash);

        var data = new JsonArray();
        foreach (var document in selected.Skip(offset).Take(pageSize)) data.Add(Project(Served(person, collection, document), collection, fields));

        var page = new JsonObject { ["data"] = data };
        // The day-list envelope requires next_token (null on the last page); the time-series one does not, so leave it out there.
        if (next is not null || !timeSeries) page["next_token"] = next;
        await Responses.Json(context, StatusCodes.Status200OK, page).ConfigureAwait(false);
    }

    /// <summary>401 without a valid bearer token, 403 without the collection's scope; the account otherwise.</summary>
    private async Task<FakeAccount?> AuthenticateAsync(HttpContext context, OuraCollection collection)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (string.IsNullOrEmpty(token) || state.Resolve(token, out _) is not { } account)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Responses.Detail(context, StatusCodes.Status401Unauthorized, "Unauthorized: the access token is missing, malformed, expired or revoked.").ConfigureAwait(false);
            return null;
        }
        if (!account.HasScope(collection.Scope))
        {
            await Responses.Detail(context, StatusCodes.Status403Forbidden, $"Forbidden: this token lacks the '{collection.Scope}' scope.").ConfigureAwait(false);
            return null;
        }
        return account;
    }

    /// <summary>The document as Oura serves it now: generated, then changed by whatever changed it since.</summary>
    private JsonNode Served(IFakePerson person, OuraCollection collection, FakeDocument document) =>
        state.Edits.Apply(person.Id, collection.Name, document.Id, Serialize(collection, document));

    private static JsonNode Serialize(OuraCollection collection, FakeDocument document) =>
        JsonSerializer.SerializeToNode(document.Model, OuraJson.Options.GetTypeInfo(collection.ModelType))
        ?? throw new InvalidOperationException($"A {collection.Name} document serialized to null.");

    /// <summary>The requested members, or null for all; an unknown name is a 422 as upstream.</summary>
    private static HashSet<string>? Fields(OuraCollection collection, string? raw, List<Issue> issues)
    {
        if (raw is null) return null;
        var requested = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (requested.Count == 0) return null;
        var known = Members(collection.ModelType);
        var unknown = requested.Where(f => !known.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            issues.Add(new Issue(["query", "fields"], $"Value error, invalid field(s): {string.Join(", ", unknown)}", "value_error"));
        return requested;
    }

    /// <summary>Keeps the requested members plus those always returned (id, the day member, timestamp).</summary>
    private static JsonNode Project(JsonNode document, OuraCollection collection, HashSet<string>? fields)
    {
        if (fields is null || document is not JsonObject full) return document;
        var kept = new JsonObject();
        foreach (var (name, value) in full.ToList())
        {
            var always = name == "id" || name == "day" || name == "timestamp" || name == collection.DayField;
            if (!always && !fields.Contains(name)) continue;
            full.Remove(name);
            kept[name] = value;
        }
        return kept;
    }

    private static IReadOnlyList<string> Members(Type modelType) =>
        MemberNames.GetOrAdd(modelType, type =>
            [.. OuraJson.Options.GetTypeInfo(type).Properties.Where(p => !p.IsExtensionData).Select(p => p.Name)]);

    private static DateTimeOffset StartOfDay(IFakePerson person, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, person.TimeZone.GetUtcOffset(local));
    }

    private static DateOnly Max(DateOnly a, DateOnly? b) => b is { } other && other > a ? other : a;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;
}
