using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OuraMcp.FakeOura;

namespace OuraMcp.Server.Tests.Http.OAuth;

/// <summary>
/// Two server processes behind one public URL, as behind a load balancer: one PostgreSQL (clients, tokens, people,
/// sign-ins in progress, the Oura app's budget), one data directory (the signing keys), one fake Oura. Instance A is
/// the fixture's <see cref="OAuthServerFixture.Server"/>; B listens on a port of its own.
/// </summary>
public class TwoInstancesFixture : PostgresOAuthFixture
{
    public HttpServerProcess SecondServer { get; private set; } = null!;

    /// <summary>Where instance A really listens (the public URL).</summary>
    public Uri A => PublicUrl;

    /// <summary>Where instance B really listens.</summary>
    public Uri B { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Admin is null) return;
        // After A is up, so that A has created the tables B finds (two first starts at once are covered by the creation's own handling).
        var port = FreePort();
        B = new Uri($"http://127.0.0.1:{port}");
        SecondServer = await StartServerAsync(PublicUrl, port);
    }

    public override async Task DisposeAsync()
    {
        if (SecondServer is not null) await SecondServer.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>The same two instances with an Oura app budget of <see cref="Budget"/> requests per 5 minutes.</summary>
public sealed class TwoInstancesSmallBudgetFixture : TwoInstancesFixture
{
    public const int Budget = 12;

    protected override IReadOnlyDictionary<string, string> MoreEnvironment { get; } =
        new Dictionary<string, string> { ["OURA_APP_RATE_LIMIT"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class SeveralInstancesSignInTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    [PostgresFact]
    public async Task A_person_who_consents_on_one_instance_finishes_on_the_other_and_both_serve_them()
    {
        using var browser = new OAuthBrowser(fixture) { Instance = fixture.A };
        var clientId = await browser.RegisterAsync();
        var (verifier, challenge) = OAuthBrowser.Pkce();
        var (_, _, form) = await browser.ConsentPageAsync(browser.AuthorizeUrl(clientId, challenge, "s-" + Guid.NewGuid().ToString("N")));
        using var toOura = await browser.PostFormAsync(new Uri(fixture.PublicUrl, "/oauth/consent"), form);
        toOura.StatusCode.Should().Be(HttpStatusCode.Redirect, await toOura.Content.ReadAsStringAsync());
        (await fixture.CountAsync("oura_mcp_pending_sign_ins")).Should().Be(1, "A keeps the sign-in where B can find it");
        using var ouraAnswer = await browser.GetAsync(toOura.Headers.Location!);
        var callback = ouraAnswer.Headers.Location!;
        var cookies = browser.CookieSnapshot();

        browser.Instance = fixture.B;
        using var resumed = await browser.GetAsync(callback);
        resumed.StatusCode.Should().Be(HttpStatusCode.Redirect, await resumed.Content.ReadAsStringAsync());
        (await fixture.CountAsync("oura_mcp_pending_sign_ins")).Should().Be(0, "the callback took the sign-in");

        // The same callback again, on the instance that began it: spent on B means spent everywhere.
        var afterCallback = browser.CookieSnapshot();
        browser.RestoreCookies(cookies);
        browser.Instance = fixture.A;
        using (var replay = await browser.GetAsync(callback))
        {
            replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await replay.Content.ReadAsStringAsync()).Should().Contain("already used");
        }

        browser.RestoreCookies(afterCallback);
        using var final = await browser.GetAsync(new Uri(fixture.PublicUrl, resumed.Headers.Location!.OriginalString));
        final.StatusCode.Should().Be(HttpStatusCode.Redirect, await final.Content.ReadAsStringAsync());
        var code = QueryHelpers.ParseQuery(final.Headers.Location!.Query)["code"].ToString();
        browser.Instance = fixture.B;
        var (status, body) = await browser.TokenAsync(browser.CodeExchange(clientId, code, verifier));
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        var access = body.GetProperty("access_token").GetString()!;

        var email = await fixture.FakePersonEmailAsync();
        foreach (var instance in new[] { fixture.A, fixture.B })
        {
            browser.Instance = instance;
            (await SeveralInstances.PersonalInfoAsync(browser, access)).GetProperty("email").GetString().Should().Be(email, $"the instance at {instance} serves the person");
        }
    }
}

public sealed class SeveralInstancesRefreshTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    [PostgresFact]
    public async Task Concurrent_calls_on_both_instances_with_an_expired_Oura_token_refresh_it_once()
    {
        // Signed in with an Oura token that dies two seconds later; the refreshed one lasts.
        fixture.Oura.OAuth.AccessTokenLifetime = TimeSpan.FromSeconds(2);
        using var browser = new OAuthBrowser(fixture) { Instance = fixture.A };
        var (_, access, _) = await browser.ConnectAsync();
        fixture.Oura.OAuth.AccessTokenLifetime = TimeSpan.FromHours(24);
        foreach (var instance in new[] { fixture.A, fixture.B })
        {
            // Warm (token validation, the database), so that both instances reach the refresh at about the same time.
            using var warm = new OAuthBrowser(fixture) { Instance = instance };
            using var list = await warm.McpAsync(access, McpHttp.ToolsList);
            list.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var since = DateTimeOffset.UtcNow;
        // Oura holds the first refresh until both instances had time to ask too: without a lock across processes, the
        // other instance's refresh would be waiting here beside it.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Oura.OAuth.TokenGate = gate.Task;
        var calls = Enumerable.Range(0, 8).Select(async i =>
        {
            using var instanceBrowser = new OAuthBrowser(fixture) { Instance = i % 2 == 0 ? fixture.A : fixture.B };
            return await SeveralInstances.PersonalInfoAsync(instanceBrowser, access);
        }).ToList();
        var held = Task.Run(async () =>
        {
            while (fixture.Oura.OAuth.TokenRequestsHeld == 0) await Task.Delay(20);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(3);
            while (fixture.Oura.OAuth.TokenRequestsHeld < 2 && DateTimeOffset.UtcNow < deadline) await Task.Delay(20);
        });
        await held.WaitAsync(TimeSpan.FromSeconds(60));
        var heldTogether = fixture.Oura.OAuth.TokenRequestsHeld;
        gate.SetResult();
        fixture.Oura.OAuth.TokenGate = null;
        var answers = await Task.WhenAll(calls);

        heldTogether.Should().Be(1, "the other instance waits for the account's lock instead of refreshing too");
        answers.Select(answer => answer.TryGetProperty("email", out var email) ? email.GetString() : null).Should().OnlyContain(email => email != null);
        var refreshes = fixture.Oura.Requests.All.Where(r => r.At >= since && SeveralInstances.IsTokenEndpoint(r.Path)).ToList();
        refreshes.Should().ContainSingle("one instance refreshes under the account's lock; the other waits and reads the new tokens")
            .Which.Status.Should().Be(200);
        fixture.Oura.OAuth.RefreshesRefused.Should().Be(0);
    }
}

public sealed class SeveralInstancesBudgetTests(TwoInstancesSmallBudgetFixture fixture) : IClassFixture<TwoInstancesSmallBudgetFixture>
{
    private const double WindowSeconds = 300;

    [PostgresFact]
    public async Task Two_instances_together_stay_inside_the_Oura_app_budget()
    {
        using var browser = new OAuthBrowser(fixture) { Instance = fixture.A };
        var (_, access, _) = await browser.ConnectAsync();
        var since = DateTimeOffset.UtcNow;

        // Each instance alone would allow the whole budget: together they are asked for twice that.
        var served = new Dictionary<Uri, int> { [fixture.A] = 0, [fixture.B] = 0 };
        var refused = 0;
        for (var i = 0; i < 2 * TwoInstancesSmallBudgetFixture.Budget; i++)
        {
            browser.Instance = i % 2 == 0 ? fixture.A : fixture.B;
            var answer = await SeveralInstances.PersonalInfoAsync(browser, access, allowError: true);
            if (answer.TryGetProperty("email", out _)) served[browser.Instance]++;
            else
            {
                answer.ToString().Should().Contain("budget", "a refusal says it is the app's budget and when to retry");
                refused++;
            }
        }

        var sent = fixture.Oura.Requests.All.Where(r => r.At >= since && r.Path.StartsWith("/v2/", StringComparison.Ordinal)).Select(r => r.At).Order().ToList();
        // A token bucket of B requests per window: in any stretch of time t, at most B + B·t/window requests, plus
        // the one request that may wait up to the longest wait (10 s) for its token.
        const int budget = TwoInstancesSmallBudgetFixture.Budget;
        for (var first = 0; first < sent.Count; first++)
        {
            for (var last = first; last < sent.Count; last++)
            {
                var allowed = budget + 1 + (budget * (sent[last] - sent[first]).TotalSeconds / WindowSeconds);
                (last - first + 1).Should().BeLessThanOrEqualTo((int)allowed,
                    $"{last - first + 1} requests reached Oura from {sent[first]:O} to {sent[last]:O}, over the app budget of {budget} per 5 minutes");
            }
        }

        served[fixture.A].Should().BeGreaterThan(0);
        served[fixture.B].Should().BeGreaterThan(0);
        refused.Should().BeGreaterThan(0);
    }
}

internal static class SeveralInstances
{
    /// <summary>get_personal_info through <paramref name="browser"/>'s instance: its structured answer, or the error result when allowed.</summary>
    public static async Task<JsonElement> PersonalInfoAsync(OAuthBrowser browser, string access, bool allowError = false)
    {
        using var call = await browser.McpAsync(access, """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"get_personal_info","arguments":{}}}""");
        call.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await McpHttp.MessageAsync(call)).GetProperty("result");
        var isError = result.TryGetProperty("isError", out var flag) && flag.GetBoolean();
        if (isError && allowError) return result;
        isError.Should().BeFalse(result.ToString());
        return result.GetProperty("structuredContent");
    }

    /// <summary>Either of the fake Oura's token endpoints (not its authorize page).</summary>
    public static bool IsTokenEndpoint(string path) =>
        path is FakeOura.Auth.FakeOAuthServer.LegacyTokenPath or FakeOura.Auth.FakeOAuthServer.NewPortalTokenPath;
}
