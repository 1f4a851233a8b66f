using System.Net;
using OuraMcp.Oura.Catalog;
using OuraMcp.Oura.Client;
using OuraMcp.Oura.Errors;

namespace OuraMcp.Oura.Tests.Client;

public class OuraClientErrorTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);

    private static async Task<OuraApiException> ListFails(ClientHarness h, OuraCollection collection)
    {
        var act = () => h.ListAny(collection, collection.Range == RangeKind.None
            ? new OuraListRequest()
            : OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc));
        var thrown = (await act.Should().ThrowAsync<OuraApiException>()).Which;
        AssertNoSecret(thrown);
        return thrown;
    }

    internal static void AssertNoSecret(Exception thrown)
    {
        foreach (var e in Chain(thrown))
        {
            e.Message.Should().NotContain(ClientHarness.Token).And.NotContain(ClientHarness.ClientSecret);
            e.ToString().Should().NotContain(ClientHarness.Token).And.NotContain(ClientHarness.ClientSecret);
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    [Fact]
    public async Task A_400_says_the_problem_and_what_to_send_without_echoing_the_token()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.BadRequest, $$"""{"detail":"Start date is greater than end date (Authorization: Bearer {{ClientHarness.Token}})"}""");

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraBadRequestException>();
        e.Message.Should().Contain("Start date is greater than end date").And.Contain("yyyy-MM-dd").And.Contain("[redacted]");
    }

    [Fact]
    public async Task A_401_says_the_token_was_rejected_and_to_sign_in_again()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Unauthorized, $$"""{"detail":"invalid token {{ClientHarness.Token}}"}""");

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraUnauthorizedException>();
        e.Message.Should().Be("Oura rejected the access token (401): it is expired, malformed or revoked. Sign in to Oura again.");
    }

    [Fact]
    public async Task A_403_names_the_collection_and_the_scope_to_grant()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Forbidden);

        var e = await ListFails(h, OuraCatalog.HeartRate);

        e.Should().BeOfType<OuraForbiddenException>().Which.MissingScope.Should().Be("heartrate");
        e.Message.Should().Be(
            "Oura refused access to heartrate (403): the token lacks the 'heartrate' scope or the user has not shared heart rate data, " +
            "or their Oura membership has expired. Sign in again granting 'heartrate'.");
    }

    [Fact]
    public async Task A_403_on_a_collection_without_a_scope_asks_for_consent_instead()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Forbidden);

        var e = await ListFails(h, OuraCatalog.DailyStress);

        e.Should().BeOfType<OuraForbiddenException>().Which.MissingScope.Should().BeNull();
        e.Message.Should().Contain("daily_stress").And.Contain("has not shared daily stress data").And.Contain("membership");
    }

    [Fact]
    public async Task A_404_on_a_document_says_no_document_has_that_id_in_the_collection()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.NotFound, """{"detail":"Not Found"}""");

        var act = () => h.Client.GetDocumentAsync(OuraCatalog.Workout, "w/1 2", default);

        var e = (await act.Should().ThrowAsync<OuraNotFoundException>()).Which;
        e.Message.Should().Contain("no document with id 'w/1 2' in workout");
        h.Request.Uri.AbsoluteUri.Should().EndWith("/v2/usercollection/workout/w%2F1%202");
    }

    [Fact]
    public async Task A_422_is_cleaned_into_one_sentence_per_parameter()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.UnprocessableEntity, $$$"""
            {"detail":[
              {"loc":["query","start_date"],"msg":"Input should be a valid date or datetime, input is too short","type":"date_from_datetime_parsing","input":"2026-3","url":"https://errors.pydantic.dev/2.5/v/date_from_datetime_parsing"},
              {"loc":["query","end_date"],"msg":"Value error, end before start. For further information visit https://errors.pydantic.dev/2.5/v/value_error","type":"value_error","ctx":{"error":{} } },
              {"loc":["query","start_date"],"msg":"Input should be a valid date or datetime, input is too short","type":"date_from_datetime_parsing"},
              {"loc":["header","authorization"],"msg":"bad value Bearer {{{ClientHarness.Token}}}","type":"x"}
            ]}
            """);

        var e = await ListFails(h, OuraCatalog.DailySleep);

        var validation = e.Should().BeOfType<OuraValidationException>().Subject;
        validation.Problems.Should().Equal(
            "start_date: Input should be a valid date or datetime, input is too short",
            "end_date: end before start",
            "authorization: bad value Bearer [redacted]");
        e.Message.Should().StartWith("Oura rejected the parameters of the daily_sleep request (422): start_date: Input should be");
    }

    [Theory]
    [InlineData("""{"detail":"start_date must be a date"}""", "start_date must be a date")]
    [InlineData("""{"message":"nope"}""", null)]
    [InlineData("""<html>Bad</html>""", null)]
    [InlineData("""{"detail":[1,"x",{"loc":"oops","msg":"only a message"}]}""", "only a message")]
    public async Task A_422_that_is_not_the_usual_shape_still_maps_to_a_validation_error(string body, string? problem)
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.UnprocessableEntity, body);

        var e = await ListFails(h, OuraCatalog.DailySleep);

        var validation = e.Should().BeOfType<OuraValidationException>().Subject;
        if (problem is null) validation.Problems.Should().BeEmpty();
        else validation.Problems.Should().Equal(problem);
        e.Message.Should().Contain("422");
    }

    [Fact]
    public async Task A_429_reaching_the_client_carries_Retry_After_and_the_tier()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.TooManyRequests, null, r =>
        {
            r.Headers.TryAddWithoutValidation("Retry-After", "37");
            r.Headers.TryAddWithoutValidation("X-RateLimit-Tier", "per-token");
        });

        var e = await ListFails(h, OuraCatalog.DailySleep);

        var limited = e.Should().BeOfType<OuraRateLimitedException>().Subject;
        limited.RetryAfter.Should().Be(TimeSpan.FromSeconds(37));
        limited.Tier.Should().Be("per-token");
        limited.IsTransient.Should().BeTrue();
        e.Message.Should().Be("Oura's rate limit (per-token) was reached. Retry after 37 s.");
    }

    [Fact]
    public async Task A_429_without_Retry_After_falls_back_to_the_reset_header()
    {
        var h = new ClientHarness();
        var reset = h.Clock.GetUtcNow().AddSeconds(90).ToUnixTimeSeconds();
        h.Handler.ThenStatus(HttpStatusCode.TooManyRequests, null, r => r.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraRateLimitedException>().Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(90));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_5xx_is_Oura_being_unavailable(HttpStatusCode status)
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(status, $"boom {ClientHarness.Token}");

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraUnavailableException>().Which.StatusCode.Should().Be(status);
        e.IsTransient.Should().BeTrue();
        e.Message.Should().Contain("unavailable").And.Contain("Try again");
    }

    [Theory]
    [InlineData("{\"data\":[{\"id\":", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("<html>maintenance</html>", "text/html")]
    [InlineData("null", "application/json")]
    public async Task An_answer_that_is_not_the_JSON_expected_is_Oura_being_unavailable_not_a_JsonException(string body, string contentType)
    {
        var h = new ClientHarness();
        h.Handler.Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) });

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraUnavailableException>();
        e.Message.Should().Contain("could not be read");
    }

    [Fact]
    public async Task Exceptions_from_the_pipeline_pass_through_untouched()
    {
        var h = new ClientHarness();
        var fromPipeline = new OuraRateLimitedException("Oura's rate limit (client) was reached. Retry after 120 s.", TimeSpan.FromMinutes(2), "client");
        h.Handler.Then((_, _) => Task.FromException<HttpResponseMessage>(fromPipeline));

        var act = () => h.Client.ListAsync(OuraCatalog.DailySleep, OuraListRequest.ForDays(Day, Day, TimeZoneInfo.Utc), default);

        (await act.Should().ThrowAsync<OuraRateLimitedException>()).Which.Should().BeSameAs(fromPipeline);
    }

    [Fact]
    public async Task A_network_failure_without_the_pipeline_is_Oura_being_unreachable()
    {
        var h = new ClientHarness();
        h.Handler.Then((_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused")));

        var e = await ListFails(h, OuraCatalog.DailySleep);

        e.Should().BeOfType<OuraUnavailableException>().Which.Message.Should().Contain("could not be reached");
    }

    [Fact]
    public async Task Personal_info_is_read_from_its_route()
    {
        var h = new ClientHarness();
        h.Handler.ThenJson("""{"id":"me","age":41,"email":"a@b.c"}""");

        var info = await h.Client.GetPersonalInfoAsync(default);

        info.Age.Should().Be(41);
        h.Request.Uri.AbsoluteUri.Should().Be("https://oura.test/v2/usercollection/personal_info");
    }

    [Fact]
    public async Task Personal_info_in_the_sandbox_says_the_sandbox_has_none()
    {
        var h = new ClientHarness(o => o.UseSandbox = true);

        var act = () => h.Client.GetPersonalInfoAsync(default);

        (await act.Should().ThrowAsync<OuraApiException>()).Which.Message.Should().Contain("sandbox has no personal_info");
        h.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_403_on_personal_info_asks_for_the_personal_scope()
    {
        var h = new ClientHarness();
        h.Handler.ThenStatus(HttpStatusCode.Forbidden);

        var act = () => h.Client.GetPersonalInfoAsync(default);

        (await act.Should().ThrowAsync<OuraForbiddenException>()).Which.MissingScope.Should().Be("personal");
    }
}
