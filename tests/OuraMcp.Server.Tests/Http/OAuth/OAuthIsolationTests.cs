using OuraMcp.FakeOura;
using OuraMcp.FakeOura.Data;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// Two people signed in to one server process through the whole OAuth dance, each as themselves at Oura (the fake's
/// sign-in page told who is typing), then calling the same tools with the same arguments at the same time while Oura
/// answers slowly, so that their identical requests to Oura are in flight together: each sees only their own data.
/// </summary>
public sealed class OAuthIsolationTests(OAuthIsolationTests.TwoPeopleServer fixture) : IClassFixture<OAuthIsolationTests.TwoPeopleServer>
{
    [Fact]
    public async Task Two_people_signed_in_through_the_dance_each_see_only_their_own_data_under_concurrent_calls()
    {
        using var aliceBrowser = new OAuthBrowser(fixture);
        using var bobBrowser = new OAuthBrowser(fixture);
        var (_, alice, _) = await aliceBrowser.ConnectAsync(ouraPerson: fixture.Alice.Id);
        var (_, bob, _) = await bobBrowser.ConnectAsync(ouraPerson: fixture.Bob.Id);

        fixture.Oura.Faults.Delay(TimeSpan.FromMilliseconds(400), count: null, pathPrefix: "/v2/usercollection/");
        try
        {
            var emails = Enumerable.Range(0, 6).SelectMany(_ => new[]
            {
                (Expected: fixture.Alice.PersonalInfo.Email, Answer: aliceBrowser.EmailAsync(alice)),
                (Expected: fixture.Bob.PersonalInfo.Email, Answer: bobBrowser.EmailAsync(bob)),
            }).ToList();
            var summaries = Enumerable.Range(0, 6).SelectMany(_ => new[]
            {
                (Person: "alice", Answer: aliceBrowser.CallToolAsync(alice, "get_daily_summary")),
                (Person: "bob", Answer: bobBrowser.CallToolAsync(bob, "get_daily_summary")),
            }).ToList();
            await Task.WhenAll(emails.Select(e => e.Answer).Concat<Task>(summaries.Select(s => s.Answer)));

            fixture.Alice.PersonalInfo.Email.Should().NotBe(fixture.Bob.PersonalInfo.Email);
            foreach (var (expected, answer) in emails) (await answer).Should().Be(expected);
            var byPerson = summaries.GroupBy(s => s.Person).ToDictionary(g => g.Key, g => g.Select(s => s.Answer.Result.GetProperty("structuredContent").GetRawText()).Distinct().ToList());
            byPerson["alice"].Should().ContainSingle("every answer to Alice is the same: her own");
            byPerson["bob"].Should().ContainSingle("every answer to Bob is the same: his own");
            byPerson["alice"][0].Should().NotBe(byPerson["bob"][0]);
        }
        finally
        {
            fixture.Oura.Faults.Clear();
        }
    }

    /// <summary>The OAuth server process, with a fake Oura at which Alice (Helsinki) or Bob (Los Angeles) can sign in.</summary>
    public sealed class TwoPeopleServer : OAuthServerFixture
    {
        private static readonly DateOnly LastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        public IFakePerson Alice { get; } = FakePeople.Demo(LastDay);

        public IFakePerson Bob { get; } = FakePeople.Second(LastDay);

        protected override FakeOuraOptions OuraOptions()
        {
            var options = new FakeOuraOptions();
            options.OAuthPeople.Add(Alice);
            options.OAuthPeople.Add(Bob);
            return options;
        }
    }
}
