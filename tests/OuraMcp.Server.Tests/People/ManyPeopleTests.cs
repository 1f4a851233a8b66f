using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OuraMcp.FakeOura.Data;
using OuraMcp.Oura.Catalog;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests.People;

/// <summary>
/// Many people in one process: the validated identity of each request decides whose data, whose time zone and whose
/// in-flight requests, whatever the arguments say.
/// </summary>
public class ManyPeopleTests
{
    private static readonly DateOnly First = ManyPeopleServer.LastDay.AddDays(-6);
    private static readonly DateOnly Last = ManyPeopleServer.LastDay.AddDays(-1);

    private static Dictionary<string, object?> Week(bool detail = false) => new()
    {
        ["start_date"] = First.ToString("yyyy-MM-dd"),
        ["end_date"] = Last.ToString("yyyy-MM-dd"),
        ["detail"] = detail,
    };

    [Fact]
    public async Task Concurrent_identical_calls_from_two_people_each_see_only_their_own_data_and_time_zone()
    {
        await using var server = ManyPeopleServer.Start();
        // Every Oura answer comes late, so the two people's identical requests are in flight at the same time: shared
        // in flight only if the person were not part of the key.
        server.Fake.Faults.Delay(TimeSpan.FromMilliseconds(400), count: null);
        var alice = await server.ConnectAsync("bearer-alice");
        var bob = await server.ConnectAsync("bearer-bob");

        var calls = Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            (Who: ManyPeopleServer.AliceData, Result: alice.CallToolAsync("get_readiness", Week(detail: true)).AsTask()),
            (Who: ManyPeopleServer.BobData, Result: bob.CallToolAsync("get_readiness", Week(detail: true)).AsTask()),
            (Who: ManyPeopleServer.AliceData, Result: alice.CallToolAsync("get_personal_info").AsTask()),
            (Who: ManyPeopleServer.BobData, Result: bob.CallToolAsync("get_personal_info").AsTask()),
        }).ToList();
        await Task.WhenAll(calls.Select(c => c.Result)).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var (who, call) in calls)
        {
            var answer = (await call).Structured();
            if (answer.TryGetProperty("email", out var email))
            {
                email.GetString().Should().Be(who.PersonalInfo.Email, $"{who.Id} reads their own profile");
                continue;
            }

            answer.GetProperty("time_zone").GetString().Should().Be(who.TimeZone.Id, $"{who.Id}'s days are their own local days");
            answer.GetProperty("documents").GetProperty("daily_readiness").EnumerateArray().Select(d => d.GetProperty("id").GetString())
                .Should().Equal(IdsOf(who, OuraCatalog.DailyReadiness), $"{who.Id} sees exactly their own documents");
        }
    }

    [Fact]
    public async Task A_document_id_from_one_person_is_not_found_for_the_other()
    {
        await using var server = ManyPeopleServer.Start();
        var alice = await server.ConnectAsync("bearer-alice");
        var bob = await server.ConnectAsync("bearer-bob");
        var aliceDocument = IdsOf(ManyPeopleServer.AliceData, OuraCatalog.DailyReadiness).First();
        var arguments = new Dictionary<string, object?> { ["collection"] = "daily_readiness", ["id"] = aliceDocument };

        (await alice.CallToolAsync("get_document", arguments)).Structured().GetProperty("id").GetString().Should().Be(aliceDocument);
        var forBob = await bob.CallToolAsync("get_document", arguments);

        forBob.IsError.Should().BeTrue("Bob's token reads Bob's data, where Alice's document does not exist");
        forBob.Text().Should().StartWith("There is no document with id");
        forBob.StructuredContent.Should().BeNull();
    }

    [Theory]
    [InlineData("bearer-carol")]
    [InlineData(null)]
    public async Task A_sign_in_naming_no_connected_person_is_told_to_open_the_connect_page(string? bearer)
    {
        await using var server = ManyPeopleServer.Start();
        var stranger = await server.ConnectAsync(bearer);

        var result = await stranger.CallToolAsync("get_personal_info");

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain($"Open {ManyPeopleServer.ConnectPage} to connect your Oura account").And.NotContain("auth login");
        server.Fake.Requests.All.Should().BeEmpty("nobody's data is read for a request that names nobody");
    }

    [Fact]
    public async Task A_sign_in_Oura_no_longer_accepts_is_told_to_connect_again_on_the_connect_page_not_to_run_a_command()
    {
        await using var server = ManyPeopleServer.Start();
        var dave = await server.ConnectAsync("bearer-dave");

        var result = await dave.CallToolAsync("get_personal_info");

        result.IsError.Should().BeTrue();
        result.Text().Should().Be($"Oura no longer accepts this sign-in (invalid_grant). Open {ManyPeopleServer.ConnectPage} to connect your Oura account again, then retry.");
    }

    private static List<string?> IdsOf(IFakePerson person, OuraCollection collection) =>
        person.Documents(collection).Where(d => d.Day >= First && d.Day <= Last).Select(d => d.Id).ToList();
}
