using System.Text.Json.Nodes;
using OuraMcp.Server.Resources;

namespace OuraMcp.Server.Tests.Resources;

/// <summary>The subscribers' book itself: what it keeps while streams come and go at once.</summary>
public sealed class ResourceSubscriptionsTests
{
    [Fact]
    public async Task Streams_ending_while_others_start_on_the_same_uri_lose_no_one_and_leave_nothing_behind()
    {
        var subscriptions = new ResourceSubscriptions();
        string[] uris = ["oura://day/2026-01-01"];
        var kept = new List<IDisposable>();
        // Many short streams on one URI, emptying its entry again and again, while long ones join it: none may be added
        // to an entry at the moment it is dropped for being empty.
        var churn = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++) subscriptions.Listen("p", uris, null!, JsonValue.Create(i)).Dispose();
        })).ToList();
        var joining = Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var registration = subscriptions.Listen("p", uris, null!, JsonValue.Create(-i));
                lock (kept) kept.Add(registration);
                // The joiner's own entry must be there right after it joined, whatever the churn did.
                subscriptions.UrisOf("p").Should().Equal(uris);
            }
        });
        await Task.WhenAll([.. churn, joining]);

        subscriptions.UrisOf("p").Should().Equal(uris);
        foreach (var registration in kept[..^1]) registration.Dispose();
        subscriptions.UrisOf("p").Should().Equal(uris, "one stream still listens");
        kept[^1].Dispose();
        subscriptions.UrisOf("p").Should().BeEmpty();
        subscriptions.Count.Should().Be(0, "an entry nobody listens to is pruned");
    }
}
