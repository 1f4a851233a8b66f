using System.Net;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Tests.Client;

/// <summary>Every collection of <see cref="OuraCatalog.All"/>, real and sandbox: the client reads the catalog, so these must all hold.</summary>
public class OuraClientCatalogTableTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public static TheoryData<string, bool> ListableCollections()
    {
        var data = new TheoryData<string, bool>();
        foreach (var c in OuraCatalog.All.Where(c => !c.IsSingleton))
        {
            data.Add(c.Name, false);
            if (c.HasSandbox) data.Add(c.Name, true);
        }

        return data;
    }

    private static OuraListRequest RequestFor(OuraCollection c) => c.Range switch
    {
        RangeKind.None => new OuraListRequest { Fields = ["id"] },
        _ => OuraListRequest.ForDays(Day, Day, Helsinki) with { Fields = ["id"] },
    };

    [Theory]
    [MemberData(nameof(ListableCollections))]
    public async Task Every_collection_is_listed_on_its_route_with_the_parameters_of_its_range_kind(string name, bool sandbox)
    {
        var c = OuraCatalog.Find(name)!;
        var h = new ClientHarness(o => o.UseSandbox = sandbox);
        // ring_configuration has no range, so nothing to trim: its second page holds one document only.
        string[] secondPage = c.Range == RangeKind.None ? [InRange(c, "2")] : [InRange(c, "2"), OutOfRange(c)];
        h.Handler.ThenJson(ClientHarness.Page("next", InRange(c, "1"))).ThenJson(ClientHarness.Page(null, secondPage));

        var (data, result) = await h.ListAny(c, RequestFor(c));

        result.IsComplete.Should().BeTrue();
        data.Should().HaveCount(2, "both pages are read and the out-of-range document is trimmed");
        var first = h.Requests[0];
        first.Uri.AbsolutePath.Should().Be(sandbox ? $"/v2/sandbox/usercollection/{c.Name}" : $"/v2/usercollection/{c.Name}");
        first.Uri.AbsolutePath.Should().Be(c.PathFor(sandbox));

        var expected = new List<string>();
        if (c.Range == RangeKind.Dates) expected.AddRange(["start_date", "end_date"]);
        if (c.Range == RangeKind.DateTimes) expected.AddRange(["start_datetime", "end_datetime"]);
        if (c.SupportsFields && !sandbox) expected.Add("fields");
        first.QueryParameters().Keys.Should().BeEquivalentTo(expected);
        h.Requests[1].QueryParameters().Keys.Should().BeEquivalentTo([.. expected, "next_token"]);

        var query = first.QueryParameters();
        switch (c.Range)
        {
            case RangeKind.Dates when c.AsksWithMargin:
                (query["start_date"], query["end_date"]).Should().Be(("2026-03-03", "2026-03-07"), "the window is widened for {0}", c.Name);
                break;
            case RangeKind.Dates:
                (query["start_date"], query["end_date"]).Should().Be(("2026-03-05", "2026-03-05"), "{0} is filtered by the local day", c.Name);
                break;
            case RangeKind.DateTimes:
                (query["start_datetime"], query["end_datetime"]).Should().Be(("2026-03-05T00:00:00+02:00", "2026-03-06T00:00:00+02:00"));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(ListableCollections))]
    public async Task Every_collection_with_a_document_route_reads_one_document_by_id(string name, bool sandbox)
    {
        var c = OuraCatalog.Find(name)!;
        var h = new ClientHarness(o => o.UseSandbox = sandbox);
        var method = typeof(OuraClient).GetMethod(nameof(OuraClient.GetDocumentAsync))!.MakeGenericMethod(c.ModelType);

        if (!c.HasDocumentRoute)
        {
            var refused = () => Invoke(method, h.Client, c, "x");
            await refused.Should().ThrowAsync<ArgumentException>();
            return;
        }

        h.Handler.ThenStatus(HttpStatusCode.NotFound);
        var act = () => Invoke(method, h.Client, c, "doc-1");

        (await act.Should().ThrowAsync<OuraNotFoundException>()).Which.Message.Should().Contain($"in {c.Name}");
        h.Request.Uri.AbsolutePath.Should().Be($"{c.PathFor(sandbox)}/doc-1");
    }

    [Theory]
    [MemberData(nameof(ListableCollections))]
    public async Task Every_collection_maps_a_403_to_its_scope(string name, bool sandbox)
    {
        var c = OuraCatalog.Find(name)!;
        var h = new ClientHarness(o => o.UseSandbox = sandbox);
        h.Handler.ThenStatus(HttpStatusCode.Forbidden);

        var act = () => h.ListAny(c, RequestFor(c));

        var e = (await act.Should().ThrowAsync<OuraForbiddenException>()).Which;
        e.MissingScope.Should().Be(c.Scope);
        e.Message.Should().Contain(c.Name);
        if (c.Scope is not null) e.Message.Should().Contain($"granting '{c.Scope}'");
    }

    private static Task Invoke(System.Reflection.MethodInfo method, OuraClient client, OuraCollection c, string id) =>
        (Task)method.Invoke(client, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [c, id, CancellationToken.None], null)!;

    /// <summary>A document on the day asked for; each has its own id, since a repeated id is one document sent twice.</summary>
    private static string InRange(OuraCollection c, string n) => c.Range switch
    {
        RangeKind.Dates => ClientHarness.DayDocument(c, "in-" + n, "2026-03-05"),
        RangeKind.DateTimes => ClientHarness.Row(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.FromHours(2))),
        _ => $$"""{"id":"ring-{{n}}"}""",
    };

    private static string OutOfRange(OuraCollection c) => c.Range switch
    {
        RangeKind.Dates => ClientHarness.DayDocument(c, "out", "2026-03-06"),
        _ => ClientHarness.Row(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(2))),
    };
}
