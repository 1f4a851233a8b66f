using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Server.Apps;

namespace OuraMcp.Server.Resources;

/// <summary>The resources and resource templates the server lists: fixed data, the same for every person (so cacheable by anyone).</summary>
public static class ResourceList
{
    public const string Json = "application/json";
    public const string Markdown = "text/markdown";

    public static readonly IReadOnlyList<Resource> Resources =
    [
        new()
        {
            Uri = ResourceAddress.ProfileUri, Name = "profile", Title = "Personal info", MimeType = Json,
            Description = "The person's Oura profile: age, weight, height, biological sex, email (Oura's personal_info).",
        },
        new()
        {
            Uri = ResourceAddress.RingsUri, Name = "rings", Title = "Rings", MimeType = Json,
            Description = "The person's rings: colour, design, size, firmware, hardware type and setup time (Oura's ring_configuration).",
        },
        ChartApp.Resource,
    ];

    public static readonly IReadOnlyList<ResourceTemplate> Templates =
    [
        new()
        {
            UriTemplate = ResourceAddress.DayTemplate, Name = "day", Title = "One day", MimeType = Markdown,
            Description = "One local day (yyyy-MM-dd, the person's time zone): sleep, readiness, activity, stress and resilience together, as Markdown and as JSON with Oura's whole documents.",
        },
        new()
        {
            UriTemplate = ResourceAddress.CollectionDayTemplate, Name = "collection_day", Title = "A collection on one day", MimeType = Json,
            Description = "One Oura collection's documents for one local day (yyyy-MM-dd), as Oura sends them, e.g. oura://daily_sleep/2026-03-05.",
        },
        new()
        {
            UriTemplate = ResourceAddress.CollectionRangeTemplate, Name = "collection_range", Title = "A collection over days", MimeType = Json,
            Description = $"One Oura collection's documents from the start to the end local day (both included, yyyy-MM-dd): at most {ResourceAddress.MaxDays} days, and {ResourceAddress.MaxSeriesDays} for the time series heartrate and ring_battery_level.",
        },
    ];

    public static ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourcesResult { Resources = [.. Resources], CacheScope = CacheScope.Public });

    public static ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [.. Templates], CacheScope = CacheScope.Public });
}
