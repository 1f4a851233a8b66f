using System.Text;
using System.Text.Json.Nodes;
using OuraMcp.FakeOura.Webhooks;
using OuraMcp.History.Inbox;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Webhooks;

namespace OuraMcp.Server.Tests.Webhooks;

/// <summary>
/// Every way an event can be wrong reaches the real receiver over HTTP, from the fake Oura's misbehaving deliveries or
/// by hand; each is refused or ignored, and nothing wrong is kept in the inbox or the history.
/// </summary>
public sealed class WebhookDefenceTests
{
    private static readonly DateOnly Night = WebhookRig.Today.AddDays(-3);

    [Fact]
    public void The_signature_is_upper_case_hex_HMAC_SHA256_of_the_timestamp_then_the_body()
    {
        // Computed independently: Python's hmac.new(b"fake-client-secret", b"1767225600" + body, hashlib.sha256).hexdigest().upper().
        var body = Encoding.UTF8.GetBytes("{\"event_type\":\"update\"}");
        OuraWebhookSignature.Compute("fake-client-secret", "1767225600", body).Should().Be("9A8A4A968DE50668C87CAD51202DA744F02E2C663CBAFB942EC74397AB84EED4");
        OuraWebhookSignature.IsValid("fake-client-secret", "1767225600", body, "9A8A4A968DE50668C87CAD51202DA744F02E2C663CBAFB942EC74397AB84EED4").Should().BeTrue();
        OuraWebhookSignature.IsValid("fake-client-secret", "1767225601", body, "9A8A4A968DE50668C87CAD51202DA744F02E2C663CBAFB942EC74397AB84EED4").Should().BeFalse();
        OuraWebhookSignature.IsValid("fake-client-secret", "1767225600", body, "not hex").Should().BeFalse();
    }

    [Fact]
    public async Task Verification_echoes_the_challenge_only_for_the_configured_token()
    {
        await using var rig = await WebhookRig.StartAsync();
        using var http = new HttpClient();

        var right = await http.GetAsync(new Uri(rig.Callback, $"?verification_token={WebhookRig.VerificationToken}&challenge=abc123"));
        right.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        JsonNode.Parse(await right.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>().Should().Be("abc123");

        (await http.GetAsync(new Uri(rig.Callback, "?verification_token=guess&challenge=abc123"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        (await http.GetAsync(new Uri(rig.Callback, "?challenge=abc123"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        (await http.GetAsync(new Uri(rig.Callback, $"?verification_token={WebhookRig.VerificationToken}"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        // Oura's own handshake on creating a subscription: refused with the wrong token, accepted with the right one.
        (await rig.SubscribeAsync("daily_sleep", "update", verificationToken: "guess")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await rig.SubscribeAsync("daily_sleep", "update")).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_every_time_Oura_retries_and_nothing_is_kept()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);

        var attempts = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 11 },
            new FakeDeliveryOptions { BadSignature = true, MaxAttempts = 3 });
        var (missing, _) = await rig.PostAsync(WebhookRig.EventBody("daily_sleep", id), signature: "");

        attempts.Select(a => a.Status).Should().Equal(401, 401, 401);
        missing.Should().Be(401);
        await NothingKeptAsync(rig);
    }

    [Fact]
    public async Task A_stale_or_future_timestamp_is_refused_even_when_correctly_signed()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);

        var late = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 12 },
            new FakeDeliveryOptions { Stale = true, MaxAttempts = 2 });
        var (future, _) = await rig.PostAsync(WebhookRig.EventBody("daily_sleep", id), sentAt: DateTimeOffset.UtcNow.AddMinutes(6));
        var (garbled, _) = await rig.PostAsync(WebhookRig.EventBody("daily_sleep", id), signature: null, sentAt: DateTimeOffset.UnixEpoch.AddYears(-1));

        late.Select(a => a.Status).Should().Equal(401, 401);
        future.Should().Be(401);
        garbled.Should().Be(401);
        await NothingKeptAsync(rig);
    }

    [Fact]
    public async Task A_duplicate_delivery_and_a_replayed_request_are_kept_once()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);

        var attempts = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 13 },
            new FakeDeliveryOptions { Duplicate = true });
        var replayed = WebhookRig.EventBody("daily_sleep", id, eventTime: "2026-01-01T08:00:00+00:00");
        var first = await rig.PostAsync(replayed);
        var again = await rig.PostAsync(replayed);
        // The same instant written with another offset is the same event.
        var sameInstant = await rig.PostAsync(WebhookRig.EventBody("daily_sleep", id, eventTime: "2026-01-01T10:00:00+02:00"));

        attempts.Select(a => a.Status).Should().Equal(200, 200);
        first.Body.Should().Contain("queued");
        again.Body.Should().Contain("duplicate");
        sameInstant.Body.Should().Contain("duplicate");
        var entries = await rig.SettledInboxAsync();
        entries.Should().HaveCount(2, "one event from the duplicated delivery, one from the replayed request");
        entries.Should().OnlyContain(e => e.State == WebhookEventState.Done && e.Attempts == 1);
    }

    [Fact]
    public async Task Events_out_of_order_leave_the_document_as_Oura_has_it_now()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);

        await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 14 },
            new FakeDeliveryOptions { OutOfOrder = true });

        var entries = await rig.SettledInboxAsync();
        entries.Should().HaveCount(2).And.OnlyContain(e => e.State == WebhookEventState.Done);
        var stored = await rig.Store.ReadAsync(WebhookRig.HistoryKey, OuraCatalog.DailySleep, Night, Night, CancellationToken.None);
        JsonNode.Parse(stored.Single().Json)!["score"]!.GetValue<int>().Should().Be(14);
    }

    [Fact]
    public async Task An_event_for_a_user_nobody_connected_is_acknowledged_and_dropped_without_storing_anything()
    {
        await using var rig = await WebhookRig.StartAsync("daily_sleep");
        var id = WebhookRig.DocumentId(OuraCatalog.DailySleep, Night);

        var attempts = await rig.Fake.ChangeDocumentAsync(WebhookRig.Person.Id, OuraCatalog.DailySleep, id, new JsonObject { ["score"] = 15 },
            new FakeDeliveryOptions { UserId = "someone-else" });

        attempts.Select(a => a.Status).Should().Equal(200);
        var entries = await rig.SettledInboxAsync();
        entries.Should().ContainSingle().Which.State.Should().Be(WebhookEventState.Dropped);
        (await rig.Store.CountAsync(WebhookRig.HistoryKey, CancellationToken.None)).Should().BeEmpty();
        (await rig.Store.CountAsync("someone-else", CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_data_type_is_acknowledged_and_ignored()
    {
        await using var rig = await WebhookRig.StartAsync();

        var meal = await rig.PostAsync(WebhookRig.EventBody("meal", "m1"));
        var invented = await rig.PostAsync(WebhookRig.EventBody("banana", "b1"));
        var series = await rig.PostAsync(WebhookRig.EventBody("heartrate", "h1"));

        new[] { meal, invented, series }.Should().OnlyContain(r => r.Status == 200 && r.Body.Contains("ignored"));
        await NothingKeptAsync(rig);
    }

    [Fact]
    public async Task Oversized_and_malformed_bodies_are_refused_even_when_signed()
    {
        await using var rig = await WebhookRig.StartAsync();

        var oversized = await rig.PostAsync(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 70_000) + "\"}"));
        var answers = new List<int>();
        foreach (var body in new[]
                 {
                     "", "not json", "[1,2]", "{\"event_type\":\"update\"}", "{\"event_type\":\"upsert\",\"data_type\":\"sleep\",\"object_id\":\"a\",\"event_time\":\"2026-01-01T00:00:00Z\",\"user_id\":\"u\"}",
                     "{\"event_type\":\"update\",\"data_type\":\"sleep\",\"object_id\":\"a\",\"event_time\":\"yesterday\",\"user_id\":\"u\"}",
                     "{\"event_type\":\"update\",\"data_type\":\"sleep\",\"object_id\":7,\"event_time\":\"2026-01-01T00:00:00Z\",\"user_id\":\"u\"}",
                 })
        {
            answers.Add((await rig.PostAsync(Encoding.UTF8.GetBytes(body))).Status);
        }

        oversized.Status.Should().Be(413);
        answers.Should().OnlyContain(status => status == 400);
        await NothingKeptAsync(rig);
    }

    private static async Task NothingKeptAsync(WebhookRig rig)
    {
        (await rig.Inbox.ListAsync(CancellationToken.None)).Should().BeEmpty();
        (await rig.Store.CountAsync(WebhookRig.HistoryKey, CancellationToken.None)).Should().BeEmpty();
    }
}
