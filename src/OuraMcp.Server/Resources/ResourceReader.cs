using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Server.Apps;
using OuraMcp.Server.People;
using OuraMcp.Server.Querying;

namespace OuraMcp.Server.Resources;

/// <summary>
/// The <c>resources/read</c> handler: parses the URI, then reads the asking person's data (<see cref="WhoIsAsking"/>)
/// through their Oura client, in their time zone.
/// </summary>
public static class ResourceReader
{
    public static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        // The chart app is nobody's data: no sign-in needed to read it.
        if (uri == ChartApp.Uri) return ChartApp.Read();
        var address = ResourceAddress.Parse(uri);
        try
        {
            var person = await WhoIsAsking.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            var result = address switch
            {
                ResourceAddress.Profile => Json(uri!, await ProfileAsync(person, cancellationToken).ConfigureAwait(false)),
                ResourceAddress.Rings => Json(uri!, Envelope(await ReadAsync(OuraCatalog.RingConfiguration, new OuraListRequest { TimeZone = person.TimeZone }, person, cancellationToken).ConfigureAwait(false), person, null)),
                ResourceAddress.Day day => await DayResource.ReadAsync(uri!, day.Date, person, cancellationToken).ConfigureAwait(false),
                ResourceAddress.Collection c => Json(uri!, Envelope(await ReadAsync(c.Source, OuraListRequest.ForDays(c.Days.Start, c.Days.End, person.TimeZone), person, cancellationToken).ConfigureAwait(false), person, c.Days)),
                _ => throw new InvalidOperationException($"No reader for {address}."),
            };
            // One person's data: a shared cache (a gateway serving many people) must not hand it to anyone else.
            result.CacheScope = CacheScope.Private;
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException && OuraFailures.ToMcp(e, Hint(request)) is { } failure)
        {
            throw failure;
        }
    }

    private static async Task<JsonNode> ProfileAsync(Person person, CancellationToken cancellationToken)
    {
        var info = await person.Oura.GetPersonalInfoAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(info, OuraCatalog.PersonalInfo.ModelTypeInfo)!;
    }

    private static Task<CollectionRead> ReadAsync(OuraCollection collection, OuraListRequest list, Person person, CancellationToken cancellationToken) =>
        collection.Accept(new CollectionReader(person.Oura, list, cancellationToken));

    private static JsonObject Envelope(CollectionRead read, Person person, DayRange? days)
    {
        var json = new JsonObject { ["collection"] = read.Collection.Name };
        if (days is { } range)
        {
            json["start"] = DayRange.Format(range.Start);
            json["end"] = DayRange.Format(range.End);
            json["time_zone"] = person.TimeZone.Id;
        }

        json["complete"] = read.IsComplete;
        if (read.IncompleteReason is { } reason) json["incomplete_reason"] = reason;
        json["documents"] = read.Documents;
        return json;
    }

    private static ReadResourceResult Json(string uri, JsonNode json) => new()
    {
        Contents = [new TextResourceContents { Uri = uri, MimeType = ResourceList.Json, Text = json.ToJsonString() }],
    };

    private static ISignInHint Hint(RequestContext<ReadResourceRequestParams> request) =>
        request.Services?.GetService<ISignInHint>() ?? new LocalSignInHint();
}
