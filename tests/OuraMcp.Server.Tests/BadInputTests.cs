using OuraMcp.Server.Cli;
using OuraMcp.Server.Tests.Support;

namespace OuraMcp.Server.Tests;

/// <summary>
/// Input an adversarial user or a confused agent sends: every case is a sentence saying what to send instead, never
/// "failed unexpectedly", and never an echo of the whole input.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("get_sleep", "start_date", "0001-01-01")]
    [InlineData("get_sleep", "end_date", "9999-12-31")]
    [InlineData("get_heart_rate", "end_date", "9999-12-31")]
    [InlineData("get_heart_rate", "start_date", "0001-01-01")]
    [InlineData("get_heart_rate", "start_datetime", "0001-01-01T00:00:00Z")]
    [InlineData("get_heart_rate", "end_datetime", "9999-12-31T23:59:59+00:00")]
    public async Task Extreme_but_valid_dates_are_refused_with_the_span_oura_data_can_have(string tool, string name, string value)
    {
        var result = await _server.CallAsync(tool, new Dictionary<string, object> { [name] = value });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("outside the days Oura data can exist (2000-01-01 to 2100-12-31)").And.NotContain("unexpectedly");
    }

    [Fact]
    public async Task A_month_of_raw_heart_rate_across_the_october_clock_change_is_31_days()
    {
        var result = await _server.CallAsync("get_heart_rate", new { resolution = "raw", start_date = "2025-10-01", end_date = "2025-10-31" });

        result.Text().Should().NotContain("at most 31 days");
        result.IsError.Should().NotBe(true);
        var tooLong = await _server.CallAsync("get_heart_rate", new { resolution = "raw", start_date = "2025-10-01", end_date = "2025-11-01" });
        tooLong.Text().Should().Contain("2025-10-01..2025-11-01 spans 32 days").And.Contain("at most 31 days");
    }

    [Fact]
    public async Task A_missing_required_argument_is_named()
    {
        var result = await _server.CallAsync("get_document", new { collection = "sleep" });

        result.IsError.Should().BeTrue();
        result.Text().Should().StartWith("get_document needs the argument 'id'").And.NotContain("unexpectedly");
    }

    [Theory]
    [InlineData("get_sleep", "start_date")]
    [InlineData("get_heart_rate", "start_datetime")]
    [InlineData("get_heart_rate", "resolution")]
    [InlineData("get_document", "id")]
    [InlineData("get_sleep", "fields")]
    public async Task An_error_quotes_a_huge_value_cut_short(string tool, string name)
    {
        var huge = new string('7', 1_000_000);
        object value = name == "fields" ? new[] { huge } : huge;
        var arguments = new Dictionary<string, object> { [name] = value };
        if (tool == "get_document") arguments["collection"] = "sleep";

        var result = await _server.CallAsync(tool, arguments);

        result.IsError.Should().BeTrue();
        result.Text().Length.Should().BeLessThan(600, result.Text()[..Math.Min(300, result.Text().Length)]);
        result.Text().Should().Contain("1,000,000 characters");
    }

    [Fact]
    public async Task A_future_start_datetime_alone_says_it_is_in_the_future()
    {
        var result = await _server.CallAsync("get_heart_rate", new { start_datetime = "2026-03-06T08:00:00+02:00" });

        result.IsError.Should().BeTrue();
        result.Text().Should().StartWith("start_datetime 2026-03-06T08:00:00+02:00 is in the future").And.NotContain("not after the start");
    }

    [Theory]
    [InlineData("536871287")]
    [InlineData("2147483647")]
    [InlineData("10000001")]
    [InlineData("999")]
    public void A_response_budget_out_of_range_is_refused(string tokens)
    {
        var act = () => CommandLine.Parse(["--max-response-tokens", tokens], _ => null);

        act.Should().Throw<UsageException>().WithMessage("The response budget must be a whole number of tokens from 1,000 to 10,000,000*");
        CommandLine.Parse(["--max-response-tokens", "10000000"], _ => null).Settings.MaxResponseTokens.Should().Be(10_000_000);
    }
}
