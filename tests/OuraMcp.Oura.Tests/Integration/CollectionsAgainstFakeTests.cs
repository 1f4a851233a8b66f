using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Tests.Integration;

/// <summary>Every collection through the real client against the fake, checked against the fake's ground truth.</summary>
public class CollectionsAgainstFakeTests
{
    private static readonly DateOnly First = FakeOuraHarness.LastDay.AddDays(-9);
    private static readonly DateOnly Last = FakeOuraHarness.LastDay.AddDays(-3);

    public static TheoryData<string> DayCollections() =>
        new(OuraCatalog.All.Where(c => c.Range == RangeKind.Dates).Select(c => c.Name));

    public static TheoryData<string> DocumentCollections() =>
        new(OuraCatalog.All.Where(c => c.HasDocumentRoute).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DayCollections))]
    public async Task Each_day_collection_returns_exactly_the_requested_local_days_from_every_page(string name)
    {
        await using var harness = new FakeOuraHarness();
        var collection = OuraCatalog.Find(name)!;

        var (ids, result) = await ListIds(harness.Client, collection, OuraListRequest.ForDays(First, Last, FakeOuraHarness.Person.TimeZone));

        ids.Should().BeEquivalentTo(FakeOuraHarness.IdsOn(collection, First, Last), "the client must lose nothing and add nothing");
        ids.Should().OnlyHaveUniqueItems();
        result.IsComplete.Should().BeTrue();
    }

    [Fact]
    public async Task A_long_listing_crosses_pages_and_says_it_is_complete()
    {
        await using var harness = new FakeOuraHarness();
        var result = await harness.Client.ListAsync(OuraCatalog.DailySleep,
            OuraListRequest.ForDays(FakeOuraHarness.LastDay.AddDays(-13), FakeOuraHarness.LastDay, FakeOuraHarness.Person.TimeZone), CancellationToken.None);

        result.PagesFetched.Should().BeGreaterThan(1);
        result.IsComplete.Should().BeTrue();
        result.Data.Select(d => d.Day).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Heart_rate_for_a_local_day_is_queried_by_datetime_and_follows_every_page()
    {
        await using var harness = new FakeOuraHarness();
        var zone = FakeOuraHarness.Person.TimeZone;
        var day = FakeOuraHarness.LastDay.AddDays(-4);
        var from = LocalMidnight(day, zone);
        var to = LocalMidnight(day.AddDays(1), zone);
        var expected = FakeOuraHarness.Person.Documents(OuraCatalog.HeartRate).Count(d => d.Instant >= from && d.Instant < to);

        var result = await harness.Client.ListAsync(OuraCatalog.HeartRate, OuraListRequest.ForDays(day, day, zone), CancellationToken.None);

        expected.Should().BeGreaterThan(0);
        result.Data.Should().HaveCount(expected);
        result.Data.Should().OnlyContain(r => r.Timestamp >= from && r.Timestamp < to);
        result.PagesFetched.Should().BeGreaterThan(1);
        harness.Fake.Requests.All.Where(r => r.Path.EndsWith("/heartrate")).Should().OnlyContain(r => r.Query.ContainsKey("start_datetime"));
    }

    [Fact]
    public async Task Ring_configuration_and_battery_and_personal_info_come_back_whole()
    {
        await using var harness = new FakeOuraHarness();
        var person = FakeOuraHarness.Person;

        var rings = await harness.Client.ListAsync(OuraCatalog.RingConfiguration, new OuraListRequest(), CancellationToken.None);
        rings.Data.Select(r => r.Id).Should().BeEquivalentTo(person.Documents(OuraCatalog.RingConfiguration).Select(d => d.Id));

        var battery = await harness.Client.ListAsync(OuraCatalog.RingBatteryLevel,
            OuraListRequest.ForDays(FakeOuraHarness.LastDay.AddDays(-2), FakeOuraHarness.LastDay, person.TimeZone), CancellationToken.None);
        battery.Data.Should().NotBeEmpty().And.OnlyContain(b => b.Level >= 0 && b.Level <= 100);

        var info = await harness.Client.GetPersonalInfoAsync(CancellationToken.None);
        info.Id.Should().Be(person.PersonalInfo.Id);
    }

    [Theory]
    [MemberData(nameof(DocumentCollections))]
    public async Task Each_document_route_returns_the_document_and_404s_an_unknown_id(string name)
    {
        await using var harness = new FakeOuraHarness();
        var collection = OuraCatalog.Find(name)!;
        var known = FakeOuraHarness.Person.Documents(collection).First();

        var document = await GetDocument(harness.Client, collection, known.Id!);
        FakeOuraHarness.IdOf(document).Should().Be(known.Id);

        var missing = () => GetDocument(harness.Client, collection, "no-such-document");
        (await missing.Should().ThrowAsync<OuraNotFoundException>()).Which.Message.Should().Contain("no-such-document");
    }

    [Fact]
    public async Task Sandbox_mode_reads_the_sandbox_routes()
    {
        await using var harness = new FakeOuraHarness(o => o.UseSandbox = true);
        var result = await harness.Client.ListAsync(OuraCatalog.DailyReadiness,
            OuraListRequest.ForDays(First, Last, FakeOuraHarness.Person.TimeZone), CancellationToken.None);

        result.Data.Should().NotBeEmpty();
        harness.Fake.Requests.All.Should().OnlyContain(r => r.Path.StartsWith("/v2/sandbox/usercollection/daily_readiness"));
    }

    internal static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<(List<string> Ids, OuraResult<object> Result)> ListIds(IOuraClient client, OuraCollection collection, OuraListRequest request)
    {
        var result = await collection.Accept(new ListVisitor(client, request));
        return (result.Data.Select(FakeOuraHarness.IdOf).ToList(), result);
    }

    private static Task<object> GetDocument(IOuraClient client, OuraCollection collection, string id) =>
        collection.Accept(new GetDocumentVisitor(client, id));

    private sealed class ListVisitor(IOuraClient client, OuraListRequest request) : IOuraCollectionVisitor<Task<OuraResult<object>>>
    {
        public async Task<OuraResult<object>> Visit<T>(OuraCollection<T> collection)
        {
            var r = await client.ListAsync(collection, request, CancellationToken.None);
            return new() { Data = r.Data.Cast<object>().ToList(), IsComplete = r.IsComplete, IncompleteReason = r.IncompleteReason, PagesFetched = r.PagesFetched };
        }
    }

    private sealed class GetDocumentVisitor(IOuraClient client, string id) : IOuraCollectionVisitor<Task<object>>
    {
        public async Task<object> Visit<T>(OuraCollection<T> collection) => (await client.GetDocumentAsync(collection, id, CancellationToken.None))!;
    }
}
